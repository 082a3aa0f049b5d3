package dev.findingsresponder.model.decode;

/**
 * A JSON path such as {@code detail.findings[1].Severity}, built cheaply while walking and rendered to text
 * only when an error message needs it.
 */
final class JPath {

    static final JPath ROOT = new JPath(null, null, -1);

    private final JPath parent;
    private final String name;
    private final int index;

    private JPath(JPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    JPath field(String fieldName) {
        return new JPath(this, fieldName, -1);
    }

    JPath index(int i) {
        return new JPath(this, null, i);
    }

    /** Text of the path of a child field, e.g. {@code at.child("id")} gives {@code detail.id}. */
    String child(String fieldName) {
        return field(fieldName).toString();
    }

    boolean isRoot() {
        return parent == null;
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(48);
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent == null) {
            return;
        }
        parent.append(sb);
        if (name != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(name);
        } else {
            sb.append('[').append(index).append(']');
        }
    }
}

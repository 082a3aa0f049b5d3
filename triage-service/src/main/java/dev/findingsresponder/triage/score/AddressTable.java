package dev.findingsresponder.triage.score;

/**
 * Open-addressing hash map from a 128-bit key ({@code hi}, {@code lo}) to the entry text, without boxing:
 * a list of 100k addresses costs a few MB and a lookup allocates nothing. Filled while a {@link CidrSet}
 * is built, read-only afterwards.
 */
final class AddressTable {

    private long[] his;
    private long[] los;
    private String[] values;
    private int size;

    AddressTable() {
        allocate(16);
    }

    int size() {
        return size;
    }

    /** Adds the key unless present; the first entry text for a key wins. */
    void putIfAbsent(long hi, long lo, String value) {
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int mask = values.length - 1;
        int slot = slot(hi, lo, mask);
        while (values[slot] != null) {
            if (his[slot] == hi && los[slot] == lo) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        his[slot] = hi;
        los[slot] = lo;
        values[slot] = value;
        size++;
    }

    /** The entry text for the key, or {@code null}. */
    String get(long hi, long lo) {
        int mask = values.length - 1;
        int slot = slot(hi, lo, mask);
        String value;
        while ((value = values[slot]) != null) {
            if (his[slot] == hi && los[slot] == lo) {
                return value;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private void grow() {
        long[] oldHis = his;
        long[] oldLos = los;
        String[] oldValues = values;
        allocate(oldValues.length * 2);
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                putIfAbsent(oldHis[i], oldLos[i], oldValues[i]);
            }
        }
    }

    private void allocate(int capacity) {
        his = new long[capacity];
        los = new long[capacity];
        values = new String[capacity];
    }

    private static int slot(long hi, long lo, int mask) {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}

package dev.findingsresponder.response.action;

/**
 * Where {@code nacl-deny} writes its entries and the NACL quota it respects.
 *
 * <p>The rule range must sit below every ALLOW rule the blocks are meant to override (a NACL is evaluated
 * lowest number first, and the first match wins). The default range 80-99 is directly below 100, the
 * number of the allow-all rule of every default NACL (101 for its IPv6 twin) and the number the console
 * suggests for the first rule of a custom NACL. Its 20 numbers hold as many blocks as one IP version's
 * quota can (19 besides the default rule); IPv4 and IPv6 entries share rule numbers, so when both fill it,
 * a full range evicts like a full quota. An inbound DENY of all protocols for one host address (/32 or /128)
 * numbered inside the range is taken to be ours (AWS stores no owner or tag on an entry): keep hand-made
 * rules out of the range.
 *
 * @param firstRule              lowest rule number used (1-32766)
 * @param lastRule               highest rule number used (firstRule-32766)
 * @param maxEntriesPerDirection inbound entries allowed per IP version including the default deny rule:
 *                               20 by default, up to 40 when the quota was raised
 */
public record NaclSettings(int firstRule, int lastRule, int maxEntriesPerDirection) {

    /** Rules 80-99, the default quota of 20 entries per direction and IP version. */
    public static final NaclSettings DEFAULTS = new NaclSettings(80, 99, 20);

    public NaclSettings {
        if (firstRule < 1 || lastRule > 32766 || firstRule > lastRule) {
            throw new IllegalArgumentException("NACL rule range must lie within 1-32766 and not be empty, got "
                    + firstRule + "-" + lastRule);
        }
        if (maxEntriesPerDirection < 2 || maxEntriesPerDirection > 40) {
            throw new IllegalArgumentException("maxEntriesPerDirection must be 2-40 (AWS default 20, raisable to 40), got "
                    + maxEntriesPerDirection);
        }
    }

    boolean inRange(int ruleNumber) {
        return ruleNumber >= firstRule && ruleNumber <= lastRule;
    }
}

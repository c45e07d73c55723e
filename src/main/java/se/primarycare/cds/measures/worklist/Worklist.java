package se.primarycare.cds.measures.worklist;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A worklist for a unit and/or a PAL on a date: one line per listed patient, in the list's order, and the counts
 * per PAL the teams plan with ("inte starta för många uttrappningar samtidigt", seed 004).
 *
 * @param unit the Organization id (null = all units)
 * @param pal the Practitioner id, {@link #NO_PAL} for patients without one, or null for all
 */
public record Worklist(
        WorklistKind kind, LocalDate date, String unit, String pal, List<Line> lines, List<PalCount> perPal) {

    /** The PAL filter value for patients who have no PAL named. */
    public static final String NO_PAL = "none";

    public Worklist {
        lines = List.copyOf(lines);
        perPal = List.copyOf(perPal);
    }

    /**
     * One patient's line. {@code values} hold LocalDate, BigDecimal, Integer, Boolean or String; a column without a
     * value is empty ({@link Column#empty()} says whether that is an action missing or data unknown).
     *
     * @param openActions how many of the line's actions are still to do (drives the order and the highlighting)
     */
    public record Line(
            String patientId,
            String personnummer,
            String name,
            Integer age,
            String palId,
            String palName,
            Map<Column, Object> values,
            int openActions) {

        public Line {
            Map<Column, Object> copy = new java.util.EnumMap<>(Column.class);
            copy.putAll(values);
            values = java.util.Collections.unmodifiableMap(copy);
        }

        public Object value(Column column) {
            return values.get(column);
        }
    }

    /** Per PAL (null id = no PAL): patients on the list, open actions, active tapering plans. */
    public record PalCount(String palId, String palName, int patients, int openActions, int activeTaperingPlans) {}

    /** For the caller's own checks. */
    public Map<String, Line> byPatient() {
        Map<String, Line> byPatient = new java.util.LinkedHashMap<>();
        lines.forEach(l -> byPatient.put(l.patientId(), l));
        return byPatient;
    }
}

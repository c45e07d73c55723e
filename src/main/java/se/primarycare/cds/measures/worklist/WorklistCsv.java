package se.primarycare.cds.measures.worklist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A worklist as CSV for a spreadsheet: UTF-8 with a byte-order mark and semicolons, as Swedish Excel opens it;
 * the same columns and order as the page and the FHIR List; an empty cell says "saknas" (an action not done) or
 * "okänt" (data not known), so no patient is hidden behind a blank.
 */
public final class WorklistCsv {

    public String write(Worklist list, boolean english) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of(
                english ? "Personal identity number" : "Personnummer",
                english ? "Name" : "Namn",
                english ? "Age" : "Ålder",
                "PAL"));
        list.kind().columns().forEach(c -> header.add(c.heading(english)));
        header.add(english ? "Open actions" : "Öppna åtgärder");
        line(csv, header);
        for (Worklist.Line line : list.lines()) {
            List<String> cells = new ArrayList<>();
            cells.add(orUnknown(line.personnummer(), english));
            cells.add(line.name() == null ? "" : line.name());
            cells.add(
                    line.age() == null
                            ? Column.Empty.UNKNOWN.text(english)
                            : line.age().toString());
            cells.add(line.palName() == null ? (english ? "no PAL" : "utan PAL") : line.palName());
            for (Column column : list.kind().columns()) {
                cells.add(text(line.value(column), column, english));
            }
            cells.add(Integer.toString(line.openActions()));
            line(csv, cells);
        }
        return csv.toString();
    }

    /** A cell as the page shows it too. */
    public static String text(Object value, Column column, boolean english) {
        if (value == null) {
            return column.empty().text(english);
        }
        if (value instanceof Boolean b) {
            return b ? (english ? "yes" : "ja") : (english ? "no" : "nej");
        }
        if (value instanceof BigDecimal d) {
            String plain = d.stripTrailingZeros().toPlainString();
            return english ? plain : plain.replace('.', ',');
        }
        return value.toString();
    }

    private static String orUnknown(String value, boolean english) {
        return value == null ? Column.Empty.UNKNOWN.text(english) : value;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(';');
            }
            String cell = cells.get(i);
            boolean quote = cell.contains(";") || cell.contains("\"") || cell.contains("\n");
            csv.append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        csv.append("\r\n");
    }
}

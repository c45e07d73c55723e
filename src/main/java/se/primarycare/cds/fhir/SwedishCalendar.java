package se.primarycare.cds.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * The one way a FHIR date or dateTime becomes a calendar day, shared by the CDS rules and the indicators: the
 * data contract compares dates as calendar days in Swedish time, so {@code 2025-01-31T23:30:00Z} is 1 February
 * (00:30 in Stockholm) for both, while a date written without time ({@code 2025-01-31}) is taken as written.
 */
public final class SwedishCalendar {

    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final ZoneId zone;

    public SwedishCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public static SwedishCalendar sweden() {
        return new SwedishCalendar(SWEDEN);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The calendar day of a FHIR date/dateTime; null when the value is absent. */
    public LocalDate day(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
        }
        return value.getValue().toInstant().atZone(zone).toLocalDate();
    }
}

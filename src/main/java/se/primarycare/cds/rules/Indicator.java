package se.primarycare.cds.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent a card is (CDS Hooks {@code indicator}), least severe first so that the order is the severity. */
public enum Indicator {
    INFO,
    WARNING,
    CRITICAL;

    /** Warning and critical cards interrupt; the alert budget shows a second card only of these. */
    public boolean interrupts() {
        return this != INFO;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Indicator of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

package se.primarycare.cds.measures.worklist;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import se.primarycare.cds.audit.AuditedPatients;
import se.primarycare.cds.fhir.FhirOperationProvider;
import se.primarycare.cds.fhir.SwedishCalendar;

/**
 * {@code GET /fhir/Patient/$worklist?list=an07|tapering|sick-leave&organization=Organization/{id}
 * &practitioner=Practitioner/{id}|none&date=YYYY-MM-DD[&format=csv][&lang=sv|en]}: the patients behind an indicator, for a
 * unit and/or a PAL, as a FHIR {@code List} of Patient references whose columns are extensions (docs/worklists.md),
 * or as CSV. It is read on the Patient type, so it needs a Patient read scope, and the PDL log names every patient
 * listed.
 */
public class WorklistProvider implements FhirOperationProvider {

    public static final String BASE = "https://fhir.primarycare.se/StructureDefinition/";
    public static final String LINE = BASE + "worklist-line";
    public static final String PAL_COUNT = BASE + "worklist-pal-count";
    public static final String UNIT = BASE + "worklist-unit";
    public static final String COLUMN = BASE + "worklist-column";
    public static final String PRACTITIONER = BASE + "worklist-practitioner";
    public static final String KIND_SYSTEM = "https://fhir.primarycare.se/CodeSystem/worklist";

    private final WorklistCalculator calculator;
    private final WorklistCsv csv;

    public WorklistProvider(WorklistCalculator calculator, WorklistCsv csv) {
        this.calculator = calculator;
        this.csv = csv;
    }

    @Operation(name = "$worklist", idempotent = true, type = Patient.class)
    public IBaseResource worklist(
            @OperationParam(name = "list", min = 1) StringType list,
            @OperationParam(name = "organization") StringType organization,
            @OperationParam(name = "practitioner") StringType practitioner,
            @OperationParam(name = "date") StringType date,
            @OperationParam(name = "format") StringType format,
            @OperationParam(name = "lang") StringType language,
            RequestDetails request) {
        WorklistKind kind = WorklistKind.of(text(list))
                .orElseThrow(() -> new InvalidRequestException(
                        "list must be one of an07, tapering, sick-leave (was '" + text(list) + "')"));
        String unit = id(organization, "Organization");
        String pal = Worklist.NO_PAL.equals(text(practitioner)) ? Worklist.NO_PAL : id(practitioner, "Practitioner");
        if (unit == null && pal == null) {
            throw new InvalidRequestException("A worklist is for a unit (organization) and/or a PAL (practitioner)");
        }
        LocalDate on = date(date);
        boolean english = language == null ? english(request) : "en".equalsIgnoreCase(text(language));
        Worklist worklist = calculator.compute(kind, unit, pal, on);
        AuditedPatients.disclosed(
                request, worklist.lines().stream().map(Worklist.Line::patientId).toList());
        if ("csv".equalsIgnoreCase(text(format))) {
            Binary binary = new Binary();
            binary.setContentType("text/csv; charset=utf-8");
            binary.setContent(csv.write(worklist, english).getBytes(StandardCharsets.UTF_8));
            return binary;
        }
        if (format != null && !"fhir".equalsIgnoreCase(text(format))) {
            throw new InvalidRequestException("format must be csv or fhir");
        }
        return list(worklist, english);
    }

    private static ListResource list(Worklist worklist, boolean english) {
        ListResource list = new ListResource();
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        list.setTitle(worklist.kind().title(english));
        list.setCode(new CodeableConcept(
                new Coding(KIND_SYSTEM, worklist.kind().code(), worklist.kind().title(english))));
        list.setDateElement(new DateTimeType(worklist.date().toString()));
        if (worklist.unit() != null) {
            list.addExtension(UNIT, new Reference("Organization/" + worklist.unit()));
        }
        if (worklist.pal() != null) {
            list.addExtension(
                    PRACTITIONER,
                    Worklist.NO_PAL.equals(worklist.pal())
                            ? new StringType(Worklist.NO_PAL)
                            : new Reference("Practitioner/" + worklist.pal()));
        }
        for (Column column : worklist.kind().columns()) {
            Extension described = list.addExtension().setUrl(COLUMN);
            described.addExtension("key", new org.hl7.fhir.r4.model.CodeType(column.key()));
            described.addExtension("heading", new StringType(column.heading(english)));
            described.addExtension("empty", new StringType(column.empty().text(english)));
        }
        for (Worklist.PalCount count : worklist.perPal()) {
            Extension palCount = list.addExtension().setUrl(PAL_COUNT);
            if (count.palId() != null) {
                palCount.addExtension(
                        "pal", new Reference("Practitioner/" + count.palId()).setDisplay(count.palName()));
            }
            palCount.addExtension("patients", new IntegerType(count.patients()));
            palCount.addExtension("open-actions", new IntegerType(count.openActions()));
            palCount.addExtension("active-tapering-plans", new IntegerType(count.activeTaperingPlans()));
        }
        for (Worklist.Line line : worklist.lines()) {
            ListResource.ListEntryComponent entry = list.addEntry();
            entry.setItem(new Reference("Patient/" + line.patientId())
                    .setDisplay(line.name() != null ? line.name() : line.personnummer()));
            Extension columns = entry.addExtension().setUrl(LINE);
            if (line.personnummer() != null) {
                columns.addExtension("personnummer", new StringType(line.personnummer()));
            }
            if (line.age() != null) {
                columns.addExtension("age", new IntegerType(line.age()));
            }
            if (line.palId() != null) {
                columns.addExtension("pal", new Reference("Practitioner/" + line.palId()).setDisplay(line.palName()));
            }
            columns.addExtension("open-actions", new IntegerType(line.openActions()));
            for (Column column : worklist.kind().columns()) {
                Object value = line.value(column);
                if (value != null) {
                    columns.addExtension(column.key(), fhir(value));
                }
            }
        }
        return list;
    }

    private static Type fhir(Object value) {
        if (value instanceof LocalDate d) {
            return new DateType(d.toString());
        }
        if (value instanceof BigDecimal d) {
            return new DecimalType(d);
        }
        if (value instanceof Integer i) {
            return new IntegerType(i);
        }
        if (value instanceof Boolean b) {
            return new BooleanType(b);
        }
        return new StringType(value.toString());
    }

    private static String text(StringType value) {
        return value == null || value.getValue() == null
                ? null
                : value.getValue().trim();
    }

    /** {@code Organization/x} or {@code x}; a reference to another type is the client's mistake. */
    private static String id(StringType reference, String type) {
        String value = text(reference);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.contains("/")) {
            String[] parts = value.split("/");
            if (parts.length != 2 || !parts[0].equals(type) || parts[1].isBlank()) {
                throw new InvalidRequestException("Expected " + type + "/{id}, got '" + value + "'");
            }
            return parts[1];
        }
        return value;
    }

    private static LocalDate date(StringType date) {
        String value = text(date);
        if (value == null) {
            return LocalDate.now(SwedishCalendar.SWEDEN);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("date must be YYYY-MM-DD (was '" + value + "')");
        }
    }

    private static boolean english(RequestDetails request) {
        String language = request.getHeader("Accept-Language");
        return language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("en");
    }
}

package se.primarycare.cds.hooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.rules.CarePlanMade;
import se.primarycare.cds.rules.Diagnosis;
import se.primarycare.cds.rules.DraftOrder;
import se.primarycare.cds.rules.MedicationUse;
import se.primarycare.cds.rules.PatientFacts;
import se.primarycare.cds.rules.ProcedureDone;
import se.primarycare.cds.rules.Reason;
import se.primarycare.cds.rules.ServiceRequestMade;
import se.primarycare.cds.rules.SickLeavePeriod;

/**
 * Turns the FHIR resources of a CDS call into the plain facts the rules read. Dates become calendar days in
 * Swedish time ({@link SwedishCalendar}, shared with the indicators); ICD codes get their dot; Conditions that
 * are refuted or entered in error are left out, because they never count (cds-rules.md v2).
 */
public final class PatientFactsMapper {

    private static final Set<String> NOT_A_DIAGNOSIS = Set.of("refuted", "entered-in-error");
    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");

    private final SwedishCalendar calendar;

    public PatientFactsMapper(SwedishCalendar calendar) {
        this.calendar = calendar;
    }

    public java.time.ZoneId zone() {
        return calendar.zone();
    }

    public PatientFacts map(
            String patientId, LocalDate today, Map<PrefetchKey, List<IBaseResource>> data, List<DraftOrder> drafts) {
        Patient patient = of(data, PrefetchKey.PATIENT, Patient.class).stream()
                .findFirst()
                .orElse(null);
        List<MedicationUse> medications = new ArrayList<>();
        of(data, PrefetchKey.MEDICATION_REQUESTS, MedicationRequest.class).forEach(r -> medications.add(request(r)));
        of(data, PrefetchKey.MEDICATION_STATEMENTS, MedicationStatement.class)
                .forEach(s -> medications.add(statement(s)));
        return new PatientFacts(
                patientId,
                today,
                patient != null && patient.hasBirthDate() ? calendar.day(patient.getBirthDateElement()) : null,
                patient != null && patient.hasManagingOrganization() && (!patient.hasActive() || patient.getActive()),
                of(data, PrefetchKey.CONDITIONS, Condition.class).stream()
                        .filter(PatientFactsMapper::counts)
                        .map(this::diagnosis)
                        .toList(),
                medications,
                of(data, PrefetchKey.PROCEDURES, Procedure.class).stream()
                        .map(this::procedure)
                        .toList(),
                of(data, PrefetchKey.SERVICE_REQUESTS, ServiceRequest.class).stream()
                        .map(this::serviceRequest)
                        .toList(),
                of(data, PrefetchKey.SICK_LEAVE, Observation.class).stream()
                        .filter(Observation::hasEffectivePeriod)
                        .map(this::sickLeave)
                        .toList(),
                of(data, PrefetchKey.CARE_PLANS, CarePlan.class).stream()
                        .map(this::carePlan)
                        .toList(),
                drafts);
    }

    private static <T> List<T> of(Map<PrefetchKey, List<IBaseResource>> data, PrefetchKey key, Class<T> type) {
        return data.getOrDefault(key, List.of()).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private static boolean counts(Condition condition) {
        return condition.getVerificationStatus().getCoding().stream()
                .noneMatch(c -> NOT_A_DIAGNOSIS.contains(c.getCode()));
    }

    private Diagnosis diagnosis(Condition condition) {
        String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
        LocalDate recorded = condition.hasRecordedDate()
                ? calendar.day(condition.getRecordedDateElement())
                : condition.hasOnsetDateTimeType() ? calendar.day(condition.getOnsetDateTimeType()) : null;
        return new Diagnosis(
                reference(condition),
                FhirCodings.coded(condition.getCode()),
                status == null || ACTIVE.contains(status),
                recorded);
    }

    private MedicationUse request(MedicationRequest request) {
        var dispense = request.getDispenseRequest();
        BigDecimal quantity = dispense.hasQuantity() ? dispense.getQuantity().getValue() : null;
        return new MedicationUse(
                reference(request),
                MedicationUse.Kind.REQUEST,
                request.hasStatus() ? request.getStatus().toCode() : null,
                request.hasMedicationCodeableConcept()
                        ? FhirCodings.coded(request.getMedicationCodeableConcept())
                        : List.of(),
                request.hasAuthoredOn() ? calendar.day(request.getAuthoredOnElement()) : null,
                null,
                quantity,
                dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0,
                reason(request.getReasonCode(), request.getReasonReference()));
    }

    private MedicationUse statement(MedicationStatement statement) {
        LocalDate start = null;
        LocalDate end = null;
        if (statement.hasEffectivePeriod()) {
            start = calendar.day(statement.getEffectivePeriod().getStartElement());
            end = calendar.day(statement.getEffectivePeriod().getEndElement());
        } else if (statement.hasEffectiveDateTimeType()) {
            start = calendar.day(statement.getEffectiveDateTimeType());
        }
        return new MedicationUse(
                reference(statement),
                MedicationUse.Kind.STATEMENT,
                statement.hasStatus() ? statement.getStatus().toCode() : null,
                statement.hasMedicationCodeableConcept()
                        ? FhirCodings.coded(statement.getMedicationCodeableConcept())
                        : List.of(),
                start,
                end,
                null,
                0,
                reason(statement.getReasonCode(), statement.getReasonReference()));
    }

    /** The reasons of an order or statement: codes (ICD normalised) and the Conditions referenced. */
    static Reason reason(List<org.hl7.fhir.r4.model.CodeableConcept> codes, List<Reference> references) {
        return new Reason(
                FhirCodings.coded(codes),
                references.stream()
                        .map(r -> r.getReferenceElement()
                                .toUnqualifiedVersionless()
                                .getValue())
                        .filter(r -> r != null)
                        .toList());
    }

    private ProcedureDone procedure(Procedure procedure) {
        LocalDate performed = procedure.hasPerformedDateTimeType()
                ? calendar.day(procedure.getPerformedDateTimeType())
                : procedure.hasPerformedPeriod()
                        ? calendar.day(procedure.getPerformedPeriod().getStartElement())
                        : null;
        return new ProcedureDone(
                reference(procedure),
                FhirCodings.coded(procedure.getCode()),
                procedure.hasStatus() ? procedure.getStatus().toCode() : null,
                performed);
    }

    private ServiceRequestMade serviceRequest(ServiceRequest request) {
        return new ServiceRequestMade(
                reference(request),
                FhirCodings.coded(request.getCode()),
                request.hasStatus() ? request.getStatus().toCode() : null,
                request.hasAuthoredOn() ? calendar.day(request.getAuthoredOnElement()) : null);
    }

    private SickLeavePeriod sickLeave(Observation observation) {
        var period = observation.getEffectivePeriod();
        return new SickLeavePeriod(
                calendar.day(period.getStartElement()),
                calendar.day(period.getEndElement()),
                observation.getFocus().stream()
                        .map(r -> r.getReferenceElement()
                                .toUnqualifiedVersionless()
                                .getValue())
                        .toList());
    }

    private CarePlanMade carePlan(CarePlan plan) {
        return new CarePlanMade(
                reference(plan),
                FhirCodings.coded(plan.getCategory()),
                plan.hasStatus() ? plan.getStatus().toCode() : null,
                plan.hasCreated() ? calendar.day(plan.getCreatedElement()) : null);
    }

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue() == null
                ? null
                : resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}

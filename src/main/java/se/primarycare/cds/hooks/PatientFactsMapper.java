package se.primarycare.cds.hooks;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import se.primarycare.cds.rules.CarePlanMade;
import se.primarycare.cds.rules.Coded;
import se.primarycare.cds.rules.Diagnosis;
import se.primarycare.cds.rules.DraftOrder;
import se.primarycare.cds.rules.MedicationUse;
import se.primarycare.cds.rules.PatientFacts;
import se.primarycare.cds.rules.ProcedureDone;
import se.primarycare.cds.rules.SickLeavePeriod;

/**
 * Turns the FHIR resources of a CDS call into the plain facts the rules read. Dates become calendar dates in
 * Swedish time (data-contract.md), so a prescription written at 00:30 on the 1st counts on the 1st.
 */
public final class PatientFactsMapper {

    private final ZoneId zone;

    public PatientFactsMapper(ZoneId zone) {
        this.zone = zone;
    }

    public PatientFacts map(
            String patientId, LocalDate today, Map<String, List<IBaseResource>> data, List<DraftOrder> drafts) {
        Patient patient = data.getOrDefault("patient", List.of()).stream()
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .findFirst()
                .orElse(null);
        List<MedicationUse> medications = new ArrayList<>();
        of(data, "medicationRequests", MedicationRequest.class).forEach(r -> medications.add(request(r)));
        of(data, "medicationStatements", MedicationStatement.class).forEach(s -> medications.add(statement(s, today)));
        return new PatientFacts(
                patientId,
                today,
                patient != null && patient.hasBirthDate() ? date(patient.getBirthDateElement()) : null,
                patient != null && patient.hasManagingOrganization() && (!patient.hasActive() || patient.getActive()),
                of(data, "conditions", Condition.class).stream()
                        .map(this::diagnosis)
                        .toList(),
                medications,
                of(data, "procedures", Procedure.class).stream()
                        .map(this::procedure)
                        .toList(),
                of(data, "sickLeave", Observation.class).stream()
                        .filter(Observation::hasEffectivePeriod)
                        .map(this::sickLeave)
                        .toList(),
                of(data, "carePlans", CarePlan.class).stream()
                        .map(this::carePlan)
                        .toList(),
                drafts);
    }

    private static <T> List<T> of(Map<String, List<IBaseResource>> data, String key, Class<T> type) {
        return data.getOrDefault(key, List.of()).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private Diagnosis diagnosis(Condition condition) {
        String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
        boolean active =
                status == null || List.of("active", "recurrence", "relapse").contains(status);
        LocalDate recorded = condition.hasRecordedDate()
                ? date(condition.getRecordedDateElement())
                : condition.hasOnsetDateTimeType() ? date(condition.getOnsetDateTimeType()) : null;
        return new Diagnosis(reference(condition), codes(condition.getCode()), active, recorded);
    }

    private MedicationUse request(MedicationRequest request) {
        var dispense = request.getDispenseRequest();
        BigDecimal quantity = dispense.hasQuantity() ? dispense.getQuantity().getValue() : null;
        return new MedicationUse(
                reference(request),
                MedicationUse.Kind.REQUEST,
                request.hasStatus() ? request.getStatus().toCode() : null,
                request.hasMedicationCodeableConcept() ? codes(request.getMedicationCodeableConcept()) : List.of(),
                request.hasAuthoredOn() ? date(request.getAuthoredOnElement()) : null,
                null,
                quantity,
                dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0);
    }

    private MedicationUse statement(MedicationStatement statement, LocalDate today) {
        LocalDate start = null;
        LocalDate end = null;
        if (statement.hasEffectivePeriod()) {
            start = statement.getEffectivePeriod().hasStart()
                    ? date(statement.getEffectivePeriod().getStartElement())
                    : null;
            end = statement.getEffectivePeriod().hasEnd()
                    ? date(statement.getEffectivePeriod().getEndElement())
                    : null;
        } else if (statement.hasEffectiveDateTimeType()) {
            start = date(statement.getEffectiveDateTimeType());
        }
        return new MedicationUse(
                reference(statement),
                MedicationUse.Kind.STATEMENT,
                statement.hasStatus() ? statement.getStatus().toCode() : null,
                statement.hasMedicationCodeableConcept() ? codes(statement.getMedicationCodeableConcept()) : List.of(),
                start,
                end,
                null,
                0);
    }

    private ProcedureDone procedure(Procedure procedure) {
        LocalDate performed = procedure.hasPerformedDateTimeType()
                ? date(procedure.getPerformedDateTimeType())
                : procedure.hasPerformedPeriod()
                                && procedure.getPerformedPeriod().hasStart()
                        ? date(procedure.getPerformedPeriod().getStartElement())
                        : null;
        return new ProcedureDone(
                reference(procedure),
                codes(procedure.getCode()),
                procedure.hasStatus() ? procedure.getStatus().toCode() : null,
                performed);
    }

    private SickLeavePeriod sickLeave(Observation observation) {
        var period = observation.getEffectivePeriod();
        return new SickLeavePeriod(
                period.hasStart() ? date(period.getStartElement()) : null,
                period.hasEnd() ? date(period.getEndElement()) : null,
                observation.getFocus().stream()
                        .map(r -> r.getReferenceElement()
                                .toUnqualifiedVersionless()
                                .getValue())
                        .toList());
    }

    private CarePlanMade carePlan(CarePlan plan) {
        return new CarePlanMade(
                reference(plan),
                plan.getCategory().stream().flatMap(c -> codes(c).stream()).toList(),
                plan.hasStatus() ? plan.getStatus().toCode() : null,
                plan.hasCreated() ? date(plan.getCreatedElement()) : null);
    }

    private static List<Coded> codes(CodeableConcept concept) {
        return concept.getCoding().stream()
                .map(c -> new Coded(c.getSystem(), c.getCode(), c.getDisplay()))
                .toList();
    }

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue() == null
                ? null
                : resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    /** A date-only value is taken as written; a dateTime is converted to Swedish time first. */
    private LocalDate date(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
        }
        return value.getValue().toInstant().atZone(zone).toLocalDate();
    }
}

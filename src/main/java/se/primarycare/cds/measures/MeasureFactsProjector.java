package se.primarycare.cds.measures;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.sql.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import se.primarycare.cds.fhir.SwedishCalendar;
import se.primarycare.cds.fhir.contract.ContractSystems;

/**
 * Keeps the indicators' read model in step with the FHIR store: every stored, changed or deleted resource of the
 * contract's kinds rewrites its rows, inside the same transaction (HAPI's pre-commit hooks), so a rolled-back
 * Bundle leaves no rows behind and a measure right after a write counts it. Dates become calendar days through
 * {@link SwedishCalendar}, the same conversion the CDS rules use, so a prescription written at
 * {@code 2025-01-31T23:30:00Z} is a February prescription for both.
 */
@Interceptor
public class MeasureFactsProjector {

    private final ReadModelWrites writes;
    private final ReadModelVersion version;
    private final SwedishCalendar calendar;

    public MeasureFactsProjector(JdbcTemplate jdbc, ReadModelVersion version, SwedishCalendar calendar) {
        this.writes = new ReadModelWrites(jdbc);
        this.version = version;
        this.calendar = calendar;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        // a new resource has no rows yet: no DELETE first (one round trip less per resource on PostgreSQL)
        insert(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        project(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        remove(resource.fhirType(), resource.getIdElement().getIdPart());
        version.changed();
    }

    /** Replaces the rows of one resource (also used by the rebuild). */
    public void project(IBaseResource resource) {
        String id = resource.getIdElement().getIdPart();
        if (id != null) {
            remove(resource.fhirType(), id);
            insert(resource);
        }
    }

    private void insert(IBaseResource resource) {
        String id = resource.getIdElement().getIdPart();
        if (id == null) {
            return;
        }
        version.changed();
        if (resource instanceof Patient patient) {
            writes.add(
                    "INSERT INTO pcm_patient (res_id, birth_date, gender, org_id, active, gp_id, pnr, name) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    patient.hasBirthDate() ? date(patient.getBirthDateElement()) : null,
                    patient.hasGender() ? patient.getGender().toCode() : null,
                    patient.hasManagingOrganization() ? idPart(patient.getManagingOrganization()) : null,
                    !patient.hasActive() || patient.getActive(),
                    regularDoctor(patient),
                    patient.getIdentifier().stream()
                            .filter(i -> ContractSystems.PERSONNUMMER.equals(i.getSystem())
                                    || ContractSystems.SAMORDNINGSNUMMER.equals(i.getSystem()))
                            .map(i -> i.getValue())
                            .findFirst()
                            .orElse(null),
                    patient.hasName() ? patient.getNameFirstRep().getNameAsSingleString() : null);
        } else if (resource instanceof Practitioner practitioner) {
            writes.add(
                    "INSERT INTO pcm_practitioner (res_id, hsa_id, name) VALUES (?, ?, ?)",
                    id,
                    practitioner.getIdentifier().stream()
                            .filter(i -> ContractSystems.HSA_ID.equals(i.getSystem()))
                            .map(i -> i.getValue())
                            .findFirst()
                            .orElse(null),
                    practitioner.hasName() ? practitioner.getNameFirstRep().getNameAsSingleString() : null);
        } else if (resource instanceof ServiceRequest request) {
            for (Coding coding : codings(request.getCode(), ContractSystems.KVA)) {
                writes.add(
                        "INSERT INTO pcm_service_request (res_id, patient_id, code, status, authored) "
                                + "VALUES (?, ?, ?, ?, ?)",
                        id,
                        idPart(request.getSubject()),
                        coding.getCode(),
                        request.hasStatus() ? request.getStatus().toCode() : null,
                        request.hasAuthoredOn() ? date(request.getAuthoredOnElement()) : null);
            }
        } else if (resource instanceof Condition condition) {
            for (Coding coding : codings(condition.getCode(), ContractSystems.ICD_10_SE)) {
                writes.add(
                        "INSERT INTO pcm_diagnosis (res_id, patient_id, code, recorded) VALUES (?, ?, ?, ?)",
                        id,
                        idPart(condition.getSubject()),
                        coding.getCode(),
                        condition.hasRecordedDate() ? date(condition.getRecordedDateElement()) : null);
            }
        } else if (resource instanceof MedicationRequest request) {
            projectPrescription(id, request);
        } else if (resource instanceof Procedure procedure) {
            for (Coding coding : codings(procedure.getCode(), ContractSystems.KVA)) {
                writes.add(
                        "INSERT INTO pcm_procedure (res_id, patient_id, code, status, performed) "
                                + "VALUES (?, ?, ?, ?, ?)",
                        id,
                        idPart(procedure.getSubject()),
                        coding.getCode(),
                        procedure.hasStatus() ? procedure.getStatus().toCode() : null,
                        procedure.hasPerformedDateTimeType()
                                ? date(procedure.getPerformedDateTimeType())
                                : procedure.hasPerformedPeriod()
                                        ? date(procedure.getPerformedPeriod().getStartElement())
                                        : null);
            }
        } else if (resource instanceof Observation observation && isSickLeave(observation)) {
            if (observation.hasEffectivePeriod()
                    && observation.getEffectivePeriod().hasStart()
                    && observation.getEffectivePeriod().hasEnd()) {
                writes.add(
                        "INSERT INTO pcm_sick_leave (res_id, patient_id, start_date, end_date, focus_ids, extent) "
                                + "VALUES (?, ?, ?, ?, ?, ?)",
                        id,
                        idPart(observation.getSubject()),
                        date(observation.getEffectivePeriod().getStartElement()),
                        date(observation.getEffectivePeriod().getEndElement()),
                        observation.getFocus().stream()
                                .map(MeasureFactsProjector::idPart)
                                .collect(Collectors.joining(",")),
                        observation.hasValueQuantity()
                                ? observation.getValueQuantity().getValue()
                                : null);
            }
        } else if (resource instanceof CarePlan plan) {
            String category = plan.getCategory().stream()
                    .flatMap(c -> codings(c, ContractSystems.CAREPLAN_CATEGORY).stream())
                    .map(Coding::getCode)
                    .findFirst()
                    .orElse(null);
            writes.add(
                    "INSERT INTO pcm_care_plan (res_id, patient_id, status, created, category) VALUES (?, ?, ?, ?, ?)",
                    id,
                    idPart(plan.getSubject()),
                    plan.hasStatus() ? plan.getStatus().toCode() : null,
                    plan.hasCreated() ? date(plan.getCreatedElement()) : null,
                    category);
        }
    }

    private void projectPrescription(String id, MedicationRequest request) {
        CodeableConcept medication =
                request.hasMedicationCodeableConcept() ? request.getMedicationCodeableConcept() : new CodeableConcept();
        var dispense = request.getDispenseRequest();
        writes.add(
                "INSERT INTO pcm_prescription (res_id, patient_id, status, intent, authored, atc, product, "
                        + "quantity, repeats, reason_codes, reason_refs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                idPart(request.getSubject()),
                request.hasStatus() ? request.getStatus().toCode() : null,
                request.hasIntent() ? request.getIntent().toCode() : null,
                request.hasAuthoredOn() ? date(request.getAuthoredOnElement()) : null,
                first(codings(medication, ContractSystems.ATC)),
                first(codings(medication, ContractSystems.PRODUCT)),
                dispense.hasQuantity() ? dispense.getQuantity().getValue() : null,
                dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0,
                request.getReasonCode().stream()
                        .flatMap(c -> codings(c, ContractSystems.ICD_10_SE).stream())
                        .map(Coding::getCode)
                        .collect(Collectors.joining(",")),
                request.getReasonReference().stream()
                        .map(MeasureFactsProjector::idPart)
                        .collect(Collectors.joining(",")));
    }

    private void remove(String type, String id) {
        String table =
                switch (type) {
                    case "Patient" -> "pcm_patient";
                    case "Condition" -> "pcm_diagnosis";
                    case "MedicationRequest" -> "pcm_prescription";
                    case "Procedure" -> "pcm_procedure";
                    case "Observation" -> "pcm_sick_leave";
                    case "CarePlan" -> "pcm_care_plan";
                    case "ServiceRequest" -> "pcm_service_request";
                    case "Practitioner" -> "pcm_practitioner";
                    default -> null;
                };
        if (table != null) {
            writes.add("DELETE FROM " + table + " WHERE res_id = ?", id);
        }
    }

    /** The patient's PAL: the first generalPractitioner that is a Practitioner (data-contract.md, version 2). */
    private static String regularDoctor(Patient patient) {
        return patient.getGeneralPractitioner().stream()
                .filter(r -> "Practitioner".equals(r.getReferenceElement().getResourceType()))
                .map(MeasureFactsProjector::idPart)
                .findFirst()
                .orElse(null);
    }

    private static boolean isSickLeave(Observation observation) {
        return codings(observation.getCode(), ContractSystems.OBSERVATION).stream()
                .anyMatch(c -> ContractSystems.SICK_LEAVE.equals(c.getCode()));
    }

    private static List<Coding> codings(CodeableConcept concept, String system) {
        return concept.getCoding().stream()
                .filter(c -> system.equals(c.getSystem()) && c.hasCode())
                .toList();
    }

    private static String first(List<Coding> codings) {
        return codings.isEmpty() ? null : codings.get(0).getCode();
    }

    private static String idPart(Reference reference) {
        return reference == null || reference.getReferenceElement().getIdPart() == null
                ? null
                : reference.getReferenceElement().getIdPart();
    }

    /** The Swedish calendar day of a date/dateTime (data-contract.md: dates compare in Swedish time). */
    private Date date(BaseDateTimeType value) {
        var day = calendar.day(value);
        return day == null ? null : Date.valueOf(day);
    }
}

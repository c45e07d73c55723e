package se.primarycare.cds.synthetic;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The only place that knows the FHIR shapes of the data contract. Generators decide <em>what</em> happens to a
 * patient; this class decides how it is written, so a contract change is a change here only.
 *
 * <p>All dates are written with day precision ("2025-03-14"): the contract compares calendar dates in
 * Swedish time, and a date without time or zone cannot shift a day when the server's time zone differs.
 */
public final class FhirResourceFactory {

    private FhirResourceFactory() {}

    public static Organization organization(CareUnit unit) {
        Organization organization = new Organization();
        organization.setId(unit.id());
        organization.addIdentifier().setSystem(CodeSystems.HSA_ID).setValue(unit.hsaId());
        organization.setActive(true);
        organization.setName(unit.name());
        return organization;
    }

    /** A PAL: HSA-id and name, as data-contract.md (version 2) asks. */
    public static Practitioner practitioner(RegularDoctor doctor) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(doctor.id());
        practitioner.addIdentifier().setSystem(CodeSystems.HSA_ID).setValue(doctor.hsaId());
        practitioner.setActive(true);
        practitioner
                .addName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(doctor.family())
                .addGiven(doctor.given());
        practitioner.setGender(doctor.male() ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        return practitioner;
    }

    /** The optional PractitionerRole of the contract: the doctor works at the unit. */
    public static PractitionerRole practitionerRole(RegularDoctor doctor) {
        PractitionerRole role = new PractitionerRole();
        role.setId(doctor.roleId());
        role.setActive(true);
        role.setPractitioner(new Reference(doctor.reference()));
        role.setOrganization(new Reference(doctor.unit().reference()));
        role.addCode(new CodeableConcept(new Coding(CodeSystems.PRACTITIONER_ROLE, "doctor", "Doctor")));
        return role;
    }

    public static Patient patient(
            Personnummer personnummer, String family, String given, String organizationReference, boolean active) {
        Patient patient = new Patient();
        patient.addIdentifier()
                .setSystem(
                        personnummer.isSamordningsnummer() ? CodeSystems.SAMORDNINGSNUMMER : CodeSystems.PERSONNUMMER)
                .setValue(personnummer.value());
        // active is written only when false: "listed" means managingOrganization set and active not false.
        if (!active) {
            patient.setActive(false);
        }
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given);
        patient.setGender(personnummer.isMale() ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(personnummer.birthDate().toString()));
        patient.setManagingOrganization(new Reference(organizationReference));
        return patient;
    }

    /** The patient's PAL (fast läkarkontakt): Patient.generalPractitioner → the Practitioner. */
    public static void setRegularDoctor(Patient patient, RegularDoctor doctor) {
        patient.getGeneralPractitioner().clear();
        patient.addGeneralPractitioner(new Reference(doctor.reference()));
    }

    public static Condition condition(
            String patientReference, String icdCode, LocalDate recorded, LocalDate onset, boolean active) {
        Condition condition = new Condition();
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                CodeSystems.CONDITION_CLINICAL, active ? "active" : "resolved", active ? "Active" : "Resolved")));
        condition.setCode(
                new CodeableConcept(new Coding(CodeSystems.ICD_10_SE, icdCode, DiagnosisCodes.displaySv(icdCode))));
        condition.setSubject(new Reference(patientReference));
        if (onset != null) {
            condition.setOnset(day(onset));
        }
        condition.setRecordedDateElement(day(recorded));
        return condition;
    }

    public static Procedure procedure(String patientReference, String kvaCode, LocalDate performed, String reason) {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept(new Coding(CodeSystems.KVA, kvaCode, KvaCodes.displaySv(kvaCode))));
        procedure.setSubject(new Reference(patientReference));
        procedure.setPerformed(day(performed));
        if (reason != null) {
            procedure.addReasonReference(new Reference(reason));
        }
        return procedure;
    }

    public static MedicationRequest medicationRequest(String patientReference, Prescription prescription) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(prescription.status());
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(medication(prescription.drug(), prescription.withProductCode()));
        request.setSubject(new Reference(patientReference));
        request.setAuthoredOnElement(day(prescription.authoredOn()));
        if (prescription.reasonReference() != null) {
            request.addReasonReference(new Reference(prescription.reasonReference()));
        }
        request.addDosageInstruction().setSequence(1).setText(prescription.dosageText());
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        dispense.setNumberOfRepeatsAllowed(prescription.repeats());
        dispense.setQuantity(new Quantity().setValue(prescription.quantity()).setUnit("st"));
        return request;
    }

    public static MedicationStatement medicationStatement(
            String patientReference, Drug drug, LocalDate start, LocalDate end, String reasonReference) {
        MedicationStatement statement = new MedicationStatement();
        statement.setStatus(
                end == null
                        ? MedicationStatement.MedicationStatementStatus.ACTIVE
                        : MedicationStatement.MedicationStatementStatus.COMPLETED);
        statement.setMedication(medication(drug, true));
        statement.setSubject(new Reference(patientReference));
        Period period = new Period().setStartElement(day(start));
        if (end != null) {
            period.setEndElement(day(end));
        }
        statement.setEffective(period);
        if (reasonReference != null) {
            statement.addReasonReference(new Reference(reasonReference));
        }
        return statement;
    }

    /** One sick-leave certificate period: inclusive dates, extent 25/50/75/100 %, focus = the diagnosis. */
    public static Observation sickLeave(
            String patientReference, LocalDate start, LocalDate end, int percent, String conditionReference) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(
                new CodeableConcept(new Coding(CodeSystems.OBSERVATION, CodeSystems.SICK_LEAVE_CODE, "Sjukskrivning")));
        observation.setSubject(new Reference(patientReference));
        observation.addFocus(new Reference(conditionReference));
        observation.setEffective(new Period().setStartElement(day(start)).setEndElement(day(end)));
        observation.setValue(new Quantity()
                .setValue(BigDecimal.valueOf(percent))
                .setUnit("%")
                .setSystem(CodeSystems.UCUM)
                .setCode("%"));
        return observation;
    }

    public static CarePlan rehabPlan(
            String patientReference, LocalDate created, boolean active, String conditionReference) {
        CarePlan plan = new CarePlan();
        plan.setStatus(active ? CarePlan.CarePlanStatus.ACTIVE : CarePlan.CarePlanStatus.COMPLETED);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(new CodeableConcept(
                new Coding(CodeSystems.CAREPLAN_CATEGORY, CodeSystems.REHAB_PLAN_CODE, "Rehabiliteringsplan")));
        plan.setTitle("Sjukskrivnings- och rehabiliteringsplan (överenskommelse)");
        plan.setSubject(new Reference(patientReference));
        plan.setCreatedElement(day(created));
        plan.addAddresses(new Reference(conditionReference));
        return plan;
    }

    /**
     * A medication plan / tapering plan (läkemedelsplan): category medication-plan, one activity naming the drug
     * (productCodeableConcept with the ATC code) and the goal as text. A draft is a proposal and counts nowhere.
     */
    public static CarePlan medicationPlan(
            String patientReference,
            LocalDate created,
            CarePlan.CarePlanStatus status,
            String atc,
            String goal,
            String conditionReference,
            String authorReference) {
        CarePlan plan = new CarePlan();
        plan.setStatus(status);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(new CodeableConcept(
                new Coding(CodeSystems.CAREPLAN_CATEGORY, CodeSystems.MEDICATION_PLAN_CODE, "Läkemedelsplan")));
        String substance = AtcCodes.displaySv(atc);
        plan.setTitle("Läkemedelsplan: " + substance);
        plan.setSubject(new Reference(patientReference));
        plan.setCreatedElement(day(created));
        if (authorReference != null) {
            plan.setAuthor(new Reference(authorReference));
        }
        if (conditionReference != null) {
            plan.addAddresses(new Reference(conditionReference));
        }
        CodeableConcept product = new CodeableConcept(new Coding(CodeSystems.ATC, atc, substance));
        product.setText(substance);
        plan.addActivity()
                .getDetail()
                .setStatus(
                        switch (status) {
                            case ACTIVE -> CarePlan.CarePlanActivityStatus.INPROGRESS;
                            case COMPLETED -> CarePlan.CarePlanActivityStatus.COMPLETED;
                            default -> CarePlan.CarePlanActivityStatus.NOTSTARTED;
                        })
                .setProduct(product)
                .setDescription(goal);
        return plan;
    }

    /** An order for a team intervention (KBT, FaR, …) that was signed: intent order, status active or completed. */
    public static ServiceRequest serviceRequest(
            String patientReference,
            String kvaCode,
            LocalDate authoredOn,
            boolean active,
            String reason,
            String requesterReference) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(
                active ? ServiceRequest.ServiceRequestStatus.ACTIVE : ServiceRequest.ServiceRequestStatus.COMPLETED);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(new Coding(CodeSystems.KVA, kvaCode, KvaCodes.displaySv(kvaCode))));
        request.setSubject(new Reference(patientReference));
        request.setAuthoredOnElement(day(authoredOn));
        if (requesterReference != null) {
            request.setRequester(new Reference(requesterReference));
        }
        if (reason != null) {
            request.addReasonReference(new Reference(reason));
        }
        return request;
    }

    /** ATC first (required by the contract), then the product code when the product is known. */
    static CodeableConcept medication(Drug drug, boolean withProductCode) {
        CodeableConcept concept = new CodeableConcept();
        concept.addCoding(new Coding(CodeSystems.ATC, drug.atc(), AtcCodes.displaySv(drug.atc())));
        if (withProductCode && drug.product() != null) {
            concept.addCoding(new Coding(
                    CodeSystems.PRODUCT, drug.product().code(), drug.product().displaySv()));
        }
        concept.setText(drug.displaySv());
        return concept;
    }

    static DateTimeType day(LocalDate date) {
        return new DateTimeType(date.toString());
    }
}

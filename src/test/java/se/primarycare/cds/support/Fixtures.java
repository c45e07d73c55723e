package se.primarycare.cds.support;

import java.math.BigDecimal;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import se.primarycare.cds.fhir.contract.ContractSystems;

/** Builders of resources shaped as the data contract says, for integration tests. */
public final class Fixtures {

    private Fixtures() {}

    public static Organization unit(String id, String hsaId, String name) {
        Organization unit = new Organization();
        unit.setId(id);
        unit.addIdentifier().setSystem(ContractSystems.HSA_ID).setValue(hsaId);
        unit.setName(name);
        return unit;
    }

    public static Patient patient(String personnummer, String birthDate, String unitId) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(ContractSystems.PERSONNUMMER).setValue(personnummer);
        patient.setBirthDateElement(new DateType(birthDate));
        patient.setGender(
                Integer.parseInt(personnummer.substring(10, 11)) % 2 == 1
                        ? AdministrativeGender.MALE
                        : AdministrativeGender.FEMALE);
        patient.setManagingOrganization(new Reference("Organization/" + unitId));
        return patient;
    }

    public static Condition diagnosis(String patientRef, String icdCode, String recordedDate) {
        Condition condition = new Condition();
        condition.setSubject(new Reference(patientRef));
        condition.setCode(new CodeableConcept(new Coding(ContractSystems.ICD_10_SE, icdCode, null)));
        condition.setRecordedDateElement(new DateTimeType(recordedDate));
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        return condition;
    }

    public static MedicationRequest prescription(String patientRef, String atc, String product, int tablets) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference(patientRef));
        request.setAuthoredOn(new Date());
        CodeableConcept medication = new CodeableConcept(new Coding(ContractSystems.ATC, atc, null));
        if (product != null) {
            medication.addCoding(new Coding(ContractSystems.PRODUCT, product, null));
        }
        request.setMedication(medication);
        request.getDispenseRequest()
                .setQuantity(new Quantity().setValue(tablets).setUnit("st"));
        request.getDispenseRequest().setNumberOfRepeatsAllowed(0);
        return request;
    }

    public static Observation sickLeave(String patientRef, String conditionRef, String start, String end, int extent) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(
                new CodeableConcept(new Coding(ContractSystems.OBSERVATION, ContractSystems.SICK_LEAVE, null)));
        observation.setSubject(new Reference(patientRef));
        observation.setEffective(
                new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end)));
        observation.setValue(new Quantity()
                .setValue(new BigDecimal(extent))
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        observation.addFocus(new Reference(conditionRef));
        return observation;
    }
}

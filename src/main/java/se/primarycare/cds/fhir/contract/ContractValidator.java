package se.primarycare.cds.fhir.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Checks the rules of the data contract that the contract's StructureDefinitions cannot express (check
 * digits, required codings among several, permitted values). Pure: no database, no HTTP; the code-system
 * knowledge comes from the loaded terminology.
 */
public final class ContractValidator {

    /** Försäkringskassan grants sick leave at these extents (data-contract.md, "Sick leave"). */
    private static final Set<BigDecimal> SICK_LEAVE_EXTENTS =
            Set.of(new BigDecimal(25), new BigDecimal(50), new BigDecimal(75), new BigDecimal(100));

    private static final Pattern ATC_CODE = Pattern.compile("[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?");
    private static final Pattern KVA_CODE = Pattern.compile("[A-Z]{2}[0-9]{3}");
    private static final String TABLETS = "st";
    private static final String PRACTITIONER = "Practitioner";

    private final IcdCodeCheck icdCodes;

    public ContractValidator(IcdCodeCheck icdCodes) {
        this.icdCodes = icdCodes;
    }

    public List<ContractViolation> validate(IBaseResource resource) {
        List<ContractViolation> violations = new ArrayList<>();
        if (resource instanceof Patient patient) {
            checkPatient(patient, violations);
            checkRegularDoctor(patient, true, violations);
        } else if (resource instanceof Practitioner practitioner) {
            checkPractitioner(practitioner, violations);
        } else if (resource instanceof Condition condition) {
            checkCondition(condition, violations);
        } else if (resource instanceof MedicationRequest request) {
            checkMedicationRequest(request, violations);
        } else if (resource instanceof MedicationStatement statement) {
            checkAtcCoding(
                    statement.hasMedicationCodeableConcept() ? statement.getMedicationCodeableConcept() : null,
                    "MedicationStatement.medicationCodeableConcept",
                    violations);
        } else if (resource instanceof Procedure procedure) {
            checkKvaCoding(procedure.getCode(), "Procedure.code", true, violations);
        } else if (resource instanceof ServiceRequest request) {
            checkServiceRequest(request, violations);
        } else if (resource instanceof Observation observation && isSickLeave(observation)) {
            checkSickLeave(observation, violations);
        } else if (resource instanceof CarePlan carePlan && isRehabPlan(carePlan)) {
            checkRehabPlan(carePlan, violations);
        }
        return violations;
    }

    /**
     * The rules on what references point to, once the server has resolved a transaction's {@code urn:uuid:}
     * placeholders (which {@link #validate} has to let pass, as their target type is not known yet).
     */
    public List<ContractViolation> validateResolvedReferences(IBaseResource resource) {
        List<ContractViolation> violations = new ArrayList<>();
        if (resource instanceof Patient patient) {
            checkRegularDoctor(patient, false, violations);
        }
        return violations;
    }

    /**
     * The PAL (fast läkarkontakt): at most one, and a reference to a stored Practitioner. A PractitionerRole or
     * the unit itself is not the contract's PAL, and the worklists could not name the doctor from it, so it is
     * refused rather than silently ignored. Whether the Practitioner exists is HAPI's referential integrity.
     */
    private static void checkRegularDoctor(
            Patient patient, boolean placeholdersAllowed, List<ContractViolation> violations) {
        List<Reference> doctors = patient.getGeneralPractitioner();
        if (doctors.size() > 1) {
            violations.add(new ContractViolation(
                    "Patient.generalPractitioner",
                    "at most one PAL (fast läkarkontakt) per patient, found " + doctors.size()));
        }
        for (int i = 0; i < doctors.size(); i++) {
            String where = "Patient.generalPractitioner[" + i + "]";
            String target = doctors.get(i).getReference();
            if (target == null || target.isBlank()) {
                violations.add(new ContractViolation(
                        where + ".reference",
                        "the PAL must be a reference to a Practitioner resource (Practitioner/<id>); an identifier "
                                + "or display alone is not enough"));
            } else if (isPlaceholder(target)) {
                if (!placeholdersAllowed) {
                    violations.add(new ContractViolation(
                            where + ".reference", "'" + target + "' does not resolve to a resource"));
                }
            } else if (!PRACTITIONER.equals(doctors.get(i).getReferenceElement().getResourceType())) {
                violations.add(new ContractViolation(
                        where + ".reference",
                        "the PAL (fast läkarkontakt) must be a Practitioner (Practitioner/<id>), not '" + target
                                + "': a PractitionerRole or a unit (Organization) is not a PAL"));
            }
        }
    }

    /** A transaction's placeholder id, replaced by the server with the new resource's id. */
    private static boolean isPlaceholder(String reference) {
        return reference.startsWith("urn:uuid:") || reference.startsWith("urn:oid:");
    }

    private static void checkPractitioner(Practitioner practitioner, List<ContractViolation> violations) {
        int hsaIds = 0;
        for (int i = 0; i < practitioner.getIdentifier().size(); i++) {
            Identifier identifier = practitioner.getIdentifier().get(i);
            if (ContractSystems.HSA_ID.equals(identifier.getSystem())) {
                hsaIds++;
                String problem = HsaId.problem(identifier.getValue());
                if (problem != null) {
                    violations.add(new ContractViolation("Practitioner.identifier[" + i + "].value", problem));
                }
            }
        }
        if (hsaIds == 0) {
            violations.add(new ContractViolation(
                    "Practitioner.identifier",
                    "the practitioner's HSA-id (system " + ContractSystems.HSA_ID + ") is required"));
        } else if (hsaIds > 1) {
            violations.add(
                    new ContractViolation("Practitioner.identifier", "one HSA-id per practitioner, found " + hsaIds));
        }
        boolean named = practitioner.getName().stream().anyMatch(n -> n.hasFamily() || n.hasGiven() || n.hasText());
        if (!named) {
            violations.add(new ContractViolation(
                    "Practitioner.name", "the practitioner's name (family and given, or text) is required"));
        }
    }

    private void checkPatient(Patient patient, List<ContractViolation> violations) {
        boolean hasSwedishId = false;
        for (int i = 0; i < patient.getIdentifier().size(); i++) {
            Identifier identifier = patient.getIdentifier().get(i);
            String where = "Patient.identifier[" + i + "].value";
            if (ContractSystems.PERSONNUMMER.equals(identifier.getSystem())) {
                hasSwedishId = true;
                if (!PersonalIdentityNumber.isValidPersonnummer(identifier.getValue())) {
                    violations.add(new ContractViolation(
                            where,
                            "personnummer '" + identifier.getValue()
                                    + "' is not 12 digits YYYYMMDDNNNC with a valid date and check digit"));
                }
            } else if (ContractSystems.SAMORDNINGSNUMMER.equals(identifier.getSystem())) {
                hasSwedishId = true;
                if (!PersonalIdentityNumber.isValidSamordningsnummer(identifier.getValue())) {
                    violations.add(new ContractViolation(
                            where,
                            "samordningsnummer '" + identifier.getValue()
                                    + "' is not 12 digits YYYYMMDDNNNC with day + 60 and a valid check digit"));
                }
            }
        }
        if (!hasSwedishId) {
            violations.add(new ContractViolation(
                    "Patient.identifier",
                    "a personnummer (" + ContractSystems.PERSONNUMMER + ") or samordningsnummer ("
                            + ContractSystems.SAMORDNINGSNUMMER + ") is required"));
        }
    }

    private void checkCondition(Condition condition, List<ContractViolation> violations) {
        List<Coding> icd = codings(condition.getCode(), ContractSystems.ICD_10_SE);
        if (icd.isEmpty()) {
            violations.add(new ContractViolation(
                    "Condition.code.coding",
                    "an ICD-10-SE coding (system " + ContractSystems.ICD_10_SE + ") is required"));
        }
        checkIcdCodes(condition.getCode(), "Condition.code", violations);
        if (!condition.hasSubject()) {
            violations.add(new ContractViolation("Condition.subject", "the patient is required"));
        }
    }

    private void checkIcdCodes(CodeableConcept concept, String path, List<ContractViolation> violations) {
        if (concept == null) {
            return;
        }
        for (int i = 0; i < concept.getCoding().size(); i++) {
            Coding coding = concept.getCoding().get(i);
            if (ContractSystems.ICD_10_SE.equals(coding.getSystem())) {
                int index = i;
                icdCodes.problem(coding.getCode())
                        .ifPresent(problem ->
                                violations.add(new ContractViolation(path + ".coding[" + index + "].code", problem)));
            }
        }
    }

    private void checkMedicationRequest(MedicationRequest request, List<ContractViolation> violations) {
        checkAtcCoding(
                request.hasMedicationCodeableConcept() ? request.getMedicationCodeableConcept() : null,
                "MedicationRequest.medicationCodeableConcept",
                violations);
        for (int i = 0; i < request.getReasonCode().size(); i++) {
            checkIcdCodes(request.getReasonCode().get(i), "MedicationRequest.reasonCode[" + i + "]", violations);
        }
        if (request.hasDispenseRequest() && request.getDispenseRequest().hasQuantity()) {
            Quantity quantity = request.getDispenseRequest().getQuantity();
            String path = "MedicationRequest.dispenseRequest.quantity";
            if (!quantity.hasValue() || quantity.getValue().signum() <= 0) {
                violations.add(new ContractViolation(path + ".value", "the number of tablets must be positive"));
            } else if (quantity.getValue().stripTrailingZeros().scale() > 0) {
                violations.add(new ContractViolation(path + ".value", "the number of tablets must be whole"));
            }
            if (quantity.hasUnit() && !TABLETS.equals(quantity.getUnit())
                    || quantity.hasCode() && !TABLETS.equals(quantity.getCode())) {
                violations.add(new ContractViolation(
                        path + ".unit", "the quantity is counted in tablets, unit '" + TABLETS + "'"));
            }
        }
        if (request.hasDispenseRequest()
                && request.getDispenseRequest().hasNumberOfRepeatsAllowed()
                && request.getDispenseRequest().getNumberOfRepeatsAllowed() < 0) {
            violations.add(new ContractViolation(
                    "MedicationRequest.dispenseRequest.numberOfRepeatsAllowed", "must not be negative"));
        }
    }

    private static void checkAtcCoding(CodeableConcept medication, String path, List<ContractViolation> violations) {
        List<Coding> atc = medication == null ? List.of() : codings(medication, ContractSystems.ATC);
        if (atc.isEmpty()) {
            violations.add(new ContractViolation(
                    path + ".coding", "an ATC coding (system " + ContractSystems.ATC + ") is required"));
            return;
        }
        for (Coding coding : atc) {
            if (coding.getCode() == null || !ATC_CODE.matcher(coding.getCode()).matches()) {
                violations.add(new ContractViolation(
                        path + ".coding.code",
                        "'" + coding.getCode() + "' is not an ATC code (expected e.g. N05BA04)"));
            }
        }
    }

    private static void checkKvaCoding(
            CodeableConcept code, String path, boolean required, List<ContractViolation> violations) {
        List<Coding> kva = codings(code, ContractSystems.KVA);
        if (kva.isEmpty() && required) {
            violations.add(new ContractViolation(
                    path + ".coding", "a KVÅ coding (system " + ContractSystems.KVA + ") is required"));
        }
        for (Coding coding : kva) {
            if (coding.getCode() == null || !KVA_CODE.matcher(coding.getCode()).matches()) {
                violations.add(new ContractViolation(
                        path + ".coding.code", "'" + coding.getCode() + "' is not a KVÅ code (expected e.g. DU011)"));
            }
        }
    }

    private static void checkServiceRequest(ServiceRequest request, List<ContractViolation> violations) {
        // Sleep school has no KVÅ code (codes/README.md), so a text-only order is allowed.
        boolean textOnly = request.getCode().hasText() && !request.getCode().hasCoding();
        checkKvaCoding(request.getCode(), "ServiceRequest.code", !textOnly, violations);
        if (!request.hasSubject()) {
            violations.add(new ContractViolation("ServiceRequest.subject", "the patient is required"));
        }
    }

    private static boolean isSickLeave(Observation observation) {
        return !codings(observation.getCode(), ContractSystems.OBSERVATION).stream()
                .filter(c -> ContractSystems.SICK_LEAVE.equals(c.getCode()))
                .toList()
                .isEmpty();
    }

    private static void checkSickLeave(Observation observation, List<ContractViolation> violations) {
        if (!observation.hasValueQuantity()) {
            violations.add(new ContractViolation(
                    "Observation.valueQuantity",
                    "the extent of sick leave in percent (25, 50, 75 or 100) is required"));
        } else {
            Quantity extent = observation.getValueQuantity();
            if (!extent.hasValue() || SICK_LEAVE_EXTENTS.stream().noneMatch(e -> e.compareTo(extent.getValue()) == 0)) {
                violations.add(new ContractViolation(
                        "Observation.valueQuantity.value",
                        "sick-leave extent must be 25, 50, 75 or 100 (was " + extent.getValue() + ")"));
            }
            if (extent.hasUnit() && !"%".equals(extent.getUnit())) {
                violations.add(new ContractViolation("Observation.valueQuantity.unit", "the unit must be '%'"));
            }
        }
        if (!observation.hasEffectivePeriod()) {
            violations.add(new ContractViolation(
                    "Observation.effectivePeriod", "the certificate period (start and end date) is required"));
        } else {
            Period period = observation.getEffectivePeriod();
            if (!period.hasStart() || !period.hasEnd()) {
                violations.add(new ContractViolation(
                        "Observation.effectivePeriod",
                        "both start and end dates of the sick-leave period are required"));
            } else if (period.getStart().after(period.getEnd())) {
                violations.add(new ContractViolation("Observation.effectivePeriod.end", "ends before it starts"));
            }
        }
        if (!observation.hasSubject()) {
            violations.add(new ContractViolation("Observation.subject", "the patient is required"));
        }
    }

    private static boolean isRehabPlan(CarePlan carePlan) {
        return carePlan.getCategory().stream()
                .flatMap(c -> codings(c, ContractSystems.CAREPLAN_CATEGORY).stream())
                .anyMatch(c -> ContractSystems.REHAB_PLAN.equals(c.getCode()));
    }

    private static void checkRehabPlan(CarePlan carePlan, List<ContractViolation> violations) {
        if (!carePlan.hasCreated()) {
            violations.add(new ContractViolation("CarePlan.created", "the date the plan was made is required"));
        }
        if (!carePlan.hasSubject()) {
            violations.add(new ContractViolation("CarePlan.subject", "the patient is required"));
        }
    }

    private static List<Coding> codings(CodeableConcept concept, String system) {
        if (concept == null) {
            return List.of();
        }
        return concept.getCoding().stream()
                .filter(c -> system.equals(c.getSystem()))
                .toList();
    }
}

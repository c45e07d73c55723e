package se.primarycare.cds.synthetic;

/**
 * A doctor of a vårdcentral who can be a patient's PAL (fast läkarkontakt): written as a Practitioner with a fixed
 * id, and a PractitionerRole tying it to the unit. {@code listWeight} is the doctor's relative share of the unit's
 * patients with a PAL (part-time doctors have shorter lists).
 */
public record RegularDoctor(
        String id, String hsaId, String family, String given, boolean male, CareUnit unit, double listWeight) {

    public String reference() {
        return "Practitioner/" + id;
    }

    public String roleId() {
        return "role-" + id;
    }

    public String roleReference() {
        return "PractitionerRole/" + roleId();
    }
}

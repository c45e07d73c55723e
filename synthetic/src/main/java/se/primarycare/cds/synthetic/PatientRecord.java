package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * One patient while the generators fill in their history: the resources created so far (in creation order,
 * which becomes bundle order) and the facts later generators build on (diagnoses, sedative use).
 * References between a patient's resources are {@code urn:uuid:} full URLs, resolved by the server when
 * it processes the transaction.
 */
public final class PatientRecord {

    /** A resource and the UUID of its bundle fullUrl. */
    public record GeneratedResource(String uuid, Resource resource) {}

    /** A diagnosis as later generators need it. */
    public record RecordedDiagnosis(String code, LocalDate recorded, String reference) {}

    private final RandomDraws ids;
    private final List<GeneratedResource> resources = new ArrayList<>();
    private final List<RecordedDiagnosis> diagnoses = new ArrayList<>();
    private final String patientReference;
    private final LocalDate birthDate;
    private final boolean male;
    private final CareUnit unit;
    private final LocalDate historyStart;
    private final LocalDate referenceDate;
    private LocalDate longTermSedativeStart;

    PatientRecord(RandomDraws ids, LocalDate birthDate, boolean male, CareUnit unit, GeneratorSettings settings) {
        this.ids = ids;
        this.birthDate = birthDate;
        this.male = male;
        this.unit = unit;
        this.historyStart = settings.historyStart();
        this.referenceDate = settings.referenceDate();
        this.patientReference = "urn:uuid:" + ids.uuid();
    }

    /** Adds the Patient itself, whose fullUrl was fixed when the record was created. */
    void addPatient(Resource patient) {
        resources.add(0, new GeneratedResource(patientReference.substring("urn:uuid:".length()), patient));
    }

    /** Adds a resource and returns the reference other resources use to point at it. */
    public String add(Resource resource) {
        String uuid = ids.uuid().toString();
        resources.add(new GeneratedResource(uuid, resource));
        return "urn:uuid:" + uuid;
    }

    public String addDiagnosis(String code, LocalDate recorded, Resource condition) {
        String reference = add(condition);
        diagnoses.add(new RecordedDiagnosis(code, recorded, reference));
        return reference;
    }

    public List<GeneratedResource> resources() {
        return List.copyOf(resources);
    }

    public List<RecordedDiagnosis> diagnoses() {
        return List.copyOf(diagnoses);
    }

    /** The earliest diagnosis matching {@code filter} (diagnoses are added in date order per kind). */
    public Optional<RecordedDiagnosis> firstDiagnosis(Predicate<String> filter) {
        return diagnoses.stream().filter(d -> filter.test(d.code())).min((a, b) -> a.recorded()
                .compareTo(b.recorded()));
    }

    /** The Patient resource (the first of the record, added by the demographics). */
    public Patient patient() {
        return (Patient) resources.get(0).resource();
    }

    public String patientReference() {
        return patientReference;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** Sex as registered (from the personnummer); the clinical model uses it for sex-dependent rates. */
    public boolean isMale() {
        return male;
    }

    public CareUnit unit() {
        return unit;
    }

    public LocalDate historyStart() {
        return historyStart;
    }

    public LocalDate referenceDate() {
        return referenceDate;
    }

    public int ageOn(LocalDate date) {
        return java.time.Period.between(birthDate, date).getYears();
    }

    public int age() {
        return ageOn(referenceDate);
    }

    /** The first day the patient is at least {@code years} old and inside the history window. */
    public LocalDate firstDayAged(int years) {
        LocalDate birthday = birthDate.plusYears(years);
        return birthday.isAfter(historyStart) ? birthday : historyStart;
    }

    public Optional<LocalDate> longTermSedativeStart() {
        return Optional.ofNullable(longTermSedativeStart);
    }

    void markLongTermSedativeUse(LocalDate start) {
        if (longTermSedativeStart == null || start.isBefore(longTermSedativeStart)) {
            longTermSedativeStart = start;
        }
    }
}

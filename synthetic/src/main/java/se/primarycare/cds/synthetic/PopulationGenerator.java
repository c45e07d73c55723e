package se.primarycare.cds.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Generates a deterministic synthetic population of Swedish primary-care patients.
 *
 * <p>Determinism: one {@link SplittableRandom} seeded from the settings; units and then each patient get a
 * stream split off it in a fixed order (the units' PALs have streams of their own, independent of the seed); dates are relative to the settings' reference date; ids are UUIDs
 * drawn from those streams; nothing iterates a hash-ordered collection. Same settings → same bundles, byte
 * for byte once serialised.
 */
public final class PopulationGenerator {

    private PopulationGenerator() {}

    /** The whole population in memory (fine for tens of thousands of patients; use the sink for more). */
    public static Population generate(GeneratorSettings settings) {
        List<Bundle> patientBundles = new ArrayList<>();
        Bundle[] organizations = new Bundle[1];
        List<CareUnit> units = new ArrayList<>();
        List<RegularDoctor> doctors = new ArrayList<>();
        PopulationSummary summary = generate(
                settings,
                new PopulationSink() {
                    @Override
                    public void organizations(Bundle organizationBundle) {
                        organizations[0] = organizationBundle;
                    }

                    @Override
                    public void patientBundle(int number, Bundle bundle) {
                        patientBundles.add(bundle);
                    }
                },
                units,
                doctors);
        return new Population(units, doctors, organizations[0], patientBundles, summary);
    }

    /** Streams the population into {@code sink} bundle by bundle and returns its summary. */
    public static PopulationSummary generate(GeneratorSettings settings, PopulationSink sink) {
        return generate(settings, sink, new ArrayList<>(), new ArrayList<>());
    }

    private static PopulationSummary generate(
            GeneratorSettings settings, PopulationSink sink, List<CareUnit> unitsOut, List<RegularDoctor> doctorsOut) {
        RandomDraws root = new RandomDraws(new SplittableRandom(settings.seed()));
        List<CareUnit> units = CareUnits.create(settings.units(), root.split());
        RegularDoctors doctors = RegularDoctors.create(units);
        unitsOut.addAll(units);
        doctorsOut.addAll(doctors.all());
        SummaryCollector summary = new SummaryCollector(settings);

        Bundle organizationBundle = organizationBundle(units, doctors.all());
        summary.addOrganizations(organizationBundle);
        sink.organizations(organizationBundle);

        WeightedChoice<CareUnit> unitChoice = WeightedChoice.of();
        units.forEach(unit -> unitChoice.add(unit.listShare(), unit));
        Set<String> issuedNumbers = new HashSet<>();
        PatientHistoryGenerator histories = new PatientHistoryGenerator(settings, unitChoice, doctors, issuedNumbers);

        Bundle current = newTransaction();
        int patientsInCurrent = 0;
        int bundleNumber = 0;
        for (int i = 0; i < settings.patients(); i++) {
            PatientRecord record = histories.generate(root.split());
            for (PatientRecord.GeneratedResource generated : record.resources()) {
                Resource resource = generated.resource();
                current.addEntry()
                        .setFullUrl("urn:uuid:" + generated.uuid())
                        .setResource(resource)
                        .getRequest()
                        .setMethod(Bundle.HTTPVerb.POST)
                        .setUrl(resource.fhirType());
            }
            if (++patientsInCurrent == settings.patientsPerBundle() || i == settings.patients() - 1) {
                summary.addPatientBundle(current);
                sink.patientBundle(++bundleNumber, current);
                current = newTransaction();
                patientsInCurrent = 0;
            }
        }
        return summary.build();
    }

    /**
     * The units, then their PALs (Practitioner) and the PractitionerRoles tying them to the units, all PUT with
     * fixed ids: loading twice updates rather than duplicates them. Loaded before any patient bundle, so every
     * managingOrganization and generalPractitioner resolves.
     */
    static Bundle organizationBundle(List<CareUnit> units, List<RegularDoctor> doctors) {
        Bundle bundle = newTransaction();
        for (CareUnit unit : units) {
            put(bundle, FhirResourceFactory.organization(unit), unit.reference());
        }
        for (RegularDoctor doctor : doctors) {
            put(bundle, FhirResourceFactory.practitioner(doctor), doctor.reference());
        }
        for (RegularDoctor doctor : doctors) {
            put(bundle, FhirResourceFactory.practitionerRole(doctor), doctor.roleReference());
        }
        return bundle;
    }

    private static void put(Bundle bundle, Resource resource, String url) {
        bundle.addEntry()
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(url);
    }

    private static Bundle newTransaction() {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        return bundle;
    }
}

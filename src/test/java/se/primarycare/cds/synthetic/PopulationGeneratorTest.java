package se.primarycare.cds.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.fhir.contract.ContractValidator;
import se.primarycare.cds.fhir.contract.HsaId;
import se.primarycare.cds.fhir.contract.IcdCodeCheck;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.CodeHierarchy;

/**
 * Checks a 5,000-patient population against the data contract and the rates the indicators and rules need.
 * The checks read the generated resources directly (not the summary), so they test the generator, not the
 * summary's arithmetic.
 */
class PopulationGeneratorTest {

    private static final LocalDate REFERENCE_DATE = GeneratorSettings.DEFAULT_REFERENCE_DATE;

    private static Population population;
    /** The server's contract validator, for the resources that are new in version 2 (PAL). */
    private static ContractValidator contract;

    private static long generationMillis;
    /** Every resource of the patient bundles by fullUrl, and each patient's resources by subject fullUrl. */
    private static final Map<String, Resource> byFullUrl = new HashMap<>();

    private static final Map<String, List<Resource>> bySubject = new HashMap<>();

    @BeforeAll
    static void generate() {
        contract = new ContractValidator(new IcdCodeCheck(new CodeHierarchy(TestProfiles.terminology())));
        long started = System.nanoTime();
        population = PopulationGenerator.generate(GeneratorSettings.of(5000, 4711));
        generationMillis = (System.nanoTime() - started) / 1_000_000;
        for (Bundle bundle : population.patientBundles()) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                byFullUrl.put(entry.getFullUrl(), entry.getResource());
                String subject = subject(entry.getResource());
                bySubject
                        .computeIfAbsent(subject == null ? entry.getFullUrl() : subject, k -> new ArrayList<>())
                        .add(entry.getResource());
            }
        }
    }

    @Test
    void generatesFiveThousandPatientsQuickly() {
        assertThat(all(Patient.class)).hasSize(5000);
        assertThat(population.patientBundles()).hasSize(50);
        System.out.printf(
                "Generated 5,000 patients (%d resources) in %d ms%n",
                population.summary().totalResources(), generationMillis);
        System.out.print(population.summary().toText());
        // Generous bound for a busy 2-core CI machine; typically about a second.
        assertThat(generationMillis).isLessThan(20_000);
    }

    @Test
    void everyPersonnummerIsValidUniqueAndMatchesBirthDateAndGender() {
        Set<String> numbers = new HashSet<>();
        for (Patient patient : all(Patient.class)) {
            assertThat(patient.getIdentifier()).hasSize(1);
            String system = patient.getIdentifierFirstRep().getSystem();
            String value = patient.getIdentifierFirstRep().getValue();
            assertThat(Personnummer.isValid(value)).as(value).isTrue();
            Personnummer number = Personnummer.parse(value);
            assertThat(system)
                    .isEqualTo(number.isSamordningsnummer() ? CodeSystems.SAMORDNINGSNUMMER : CodeSystems.PERSONNUMMER);
            assertThat(patient.getBirthDateElement().getValueAsString())
                    .isEqualTo(number.birthDate().toString());
            assertThat(patient.getGender())
                    .isEqualTo(number.isMale() ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
            assertThat(numbers.add(value)).as("unique " + value).isTrue();
        }
        long samordning = all(Patient.class).stream()
                .filter(p -> p.getIdentifierFirstRep().getSystem().equals(CodeSystems.SAMORDNINGSNUMMER))
                .count();
        assertThat(samordning).isBetween(1L, 100L);
    }

    @Test
    void patientsAreListedAtTheUnitsWithRealisticAgesAndAFewInactive() {
        Set<String> unitRefs =
                population.units().stream().map(CareUnit::reference).collect(Collectors.toSet());
        assertThat(population.units()).hasSize(2);
        Map<String, Long> perUnit = all(Patient.class).stream()
                .collect(Collectors.groupingBy(p -> p.getManagingOrganization().getReference(), Collectors.counting()));
        assertThat(perUnit.keySet()).isEqualTo(unitRefs);
        perUnit.values().forEach(n -> assertThat(n).isGreaterThan(1000));

        long inactive = all(Patient.class).stream()
                .filter(p -> p.hasActive() && !p.getActive())
                .count();
        assertThat(inactive).isBetween(50L, 300L); // about 3 %

        List<Integer> ages = all(Patient.class).stream().map(p -> age(p)).toList();
        assertThat(ages).allMatch(a -> a >= 0 && a <= 95);
        assertThat(ages.stream().filter(a -> a < 18).count()).isBetween(900L, 1300L); // Sweden: about 21 %
        assertThat(ages.stream().filter(a -> a >= 80).count()).isBetween(150L, 400L); // about 5 %
        assertThat(ages.stream().filter(a -> a < 40).count()).isBetween(2100L, 2700L);
    }

    @Test
    void organizationsHaveHsaIdsAndSwedishNames() {
        Bundle organizations = population.organizationBundle();
        assertThat(organizations.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(organizations.getEntry().stream()
                        .filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Organization))
                .hasSize(2)
                .allSatisfy(entry -> {
                    org.hl7.fhir.r4.model.Organization organization =
                            (org.hl7.fhir.r4.model.Organization) entry.getResource();
                    assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
                    assertThat(entry.getRequest().getUrl())
                            .isEqualTo("Organization/"
                                    + organization.getIdElement().getIdPart());
                    assertThat(organization.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:1.2.752.29.4.19");
                    assertThat(organization.getIdentifierFirstRep().getValue()).matches("SE2321000065-\\d{4}");
                    assertThat(organization.getName()).startsWith("Vårdcentralen ");
                });
        assertThat(((org.hl7.fhir.r4.model.Organization)
                                organizations.getEntryFirstRep().getResource())
                        .getName())
                .isEqualTo("Vårdcentralen Bankeryd");
    }

    @Test
    void anxietyAffectsAboutTwelvePercent() {
        long anxious = patientsWith(r -> r instanceof Condition c && DiagnosisCodes.isAnxiety(icd(c)));
        assertThat(anxious).isBetween(450L, 750L); // 9–15 % of 5,000
        assertThat(population.summary().patients().withAnxiety()).isEqualTo((int) anxious);
    }

    @Test
    void conditionsFollowTheContract() {
        LocalDate historyStart = GeneratorSettings.of(1, 1).historyStart();
        Set<String> clinicalStatuses = new HashSet<>();
        for (Condition condition : all(Condition.class)) {
            assertThat(condition.getCode().getCoding()).hasSize(1);
            Coding coding = condition.getCode().getCodingFirstRep();
            assertThat(coding.getSystem()).isEqualTo(CodeSystems.ICD_10_SE);
            assertThat(coding.getCode()).matches("[A-Z]\\d\\d(\\.\\d[A-Z]?)?");
            LocalDate recorded = date(condition.getRecordedDateElement());
            assertThat(recorded).isBetween(historyStart.minusDays(1), REFERENCE_DATE);
            String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
            assertThat(status).isIn("active", "resolved");
            clinicalStatuses.add(status);
            assertThat(byFullUrl.get(condition.getSubject().getReference())).isInstanceOf(Patient.class);
        }
        assertThat(clinicalStatuses).containsExactlyInAnyOrder("active", "resolved");
        Set<String> codes =
                all(Condition.class).stream().map(PopulationGeneratorTest::icd).collect(Collectors.toSet());
        assertThat(codes).contains("F41.1", "F41.9", "F43.2", "F43.8A", "F41.0", "F51.0", "G47.0", "Z73.0");
        assertThat(codes).anyMatch(c -> c.startsWith("F32")).anyMatch(c -> c.startsWith("F33"));
    }

    @Test
    void everyMedicationRequestHasAtcAndQuantityInTablets() {
        List<MedicationRequest> requests = all(MedicationRequest.class);
        assertThat(requests).hasSizeGreaterThan(1000);
        for (MedicationRequest request : requests) {
            List<Coding> codings = request.getMedicationCodeableConcept().getCoding();
            assertThat(codings.get(0).getSystem()).isEqualTo(CodeSystems.ATC);
            assertThat(codings.get(0).getCode()).matches("N\\d\\d[A-Z]{2}\\d\\d");
            if (codings.size() > 1) {
                assertThat(codings.get(1).getSystem()).isEqualTo(CodeSystems.PRODUCT);
                Product product = ProductCatalog.byCode(codings.get(1).getCode());
                assertThat(product.atc()).isEqualTo(codings.get(0).getCode());
                assertThat(product.packSizes())
                        .contains(request.getDispenseRequest()
                                .getQuantity()
                                .getValue()
                                .intValue());
            }
            assertThat(request.getIntent()).isEqualTo(MedicationRequest.MedicationRequestIntent.ORDER);
            assertThat(request.getDispenseRequest().getQuantity().getUnit()).isEqualTo("st");
            assertThat(request.getDispenseRequest().getQuantity().getValue().intValue())
                    .isPositive();
            assertThat(request.getDispenseRequest().getNumberOfRepeatsAllowed()).isBetween(0, 3);
            assertThat(date(request.getAuthoredOnElement())).isBeforeOrEqualTo(REFERENCE_DATE);
            assertThat(request.getDosageInstructionFirstRep().getText()).isNotBlank();
            for (Reference reason : request.getReasonReference()) {
                assertThat(byFullUrl.get(reason.getReference())).isInstanceOf(Condition.class);
            }
        }
        Map<MedicationRequestStatus, Long> statuses =
                requests.stream().collect(Collectors.groupingBy(MedicationRequest::getStatus, Collectors.counting()));
        assertThat(statuses.keySet())
                .containsExactlyInAnyOrder(
                        MedicationRequestStatus.ACTIVE,
                        MedicationRequestStatus.COMPLETED,
                        MedicationRequestStatus.STOPPED,
                        MedicationRequestStatus.CANCELLED);
        long stoppedOrCancelled =
                statuses.get(MedicationRequestStatus.STOPPED) + statuses.get(MedicationRequestStatus.CANCELLED);
        assertThat(stoppedOrCancelled).isLessThan(requests.size() / 10);
    }

    @Test
    void someRequestsLackTheProductCodeButFew() {
        List<MedicationRequest> requests = all(MedicationRequest.class);
        long withoutProduct = requests.stream()
                .filter(r -> r.getMedicationCodeableConcept().getCoding().size() == 1)
                .count();
        assertThat(withoutProduct).isPositive();
        // Catalogue products written without product code, not only substances missing from the catalogue.
        Set<String> catalogueAtcs =
                ProductCatalog.all().stream().map(Product::atc).collect(Collectors.toSet());
        assertThat(requests.stream()
                        .filter(r ->
                                r.getMedicationCodeableConcept().getCoding().size() == 1)
                        .map(r -> r.getMedicationCodeableConcept()
                                .getCodingFirstRep()
                                .getCode()))
                .anyMatch(catalogueAtcs::contains)
                .contains(AtcCodes.MIRTAZAPINE);
        assertThat(withoutProduct).isLessThan(requests.size() / 10);
        assertThat(population.summary().prescriptions().withoutProductCode()).isEqualTo((int) withoutProduct);
    }

    @Test
    void someAnxietyPatientsGetBenzodiazepinesInStarterAndLargePacks() {
        long anxious = patientsWith(r -> r instanceof Condition c && DiagnosisCodes.isAnxiety(icd(c)));
        long anxiousOnBenzo = bySubject.values().stream()
                .filter(rs -> rs.stream().anyMatch(r -> r instanceof Condition c && DiagnosisCodes.isAnxiety(icd(c))))
                .filter(rs -> rs.stream().anyMatch(r -> r instanceof MedicationRequest m && atc(m).startsWith("N05BA")))
                .count();
        // Seed Ån07: 29 of 481 (6 %); "a few per cent", never most of them.
        assertThat(anxiousOnBenzo).isGreaterThanOrEqualTo(10).isLessThan(anxious * 15 / 100);

        List<Integer> benzoTotals = all(MedicationRequest.class).stream()
                .filter(m -> atc(m).startsWith("N05BA"))
                .map(m -> m.getDispenseRequest().getQuantity().getValue().intValue()
                        * (1 + m.getDispenseRequest().getNumberOfRepeatsAllowed()))
                .toList();
        assertThat(benzoTotals).anyMatch(n -> n <= 25).anyMatch(n -> n > 25);
        List<Integer> zTotals = all(MedicationRequest.class).stream()
                .filter(m -> atc(m).startsWith("N05CF"))
                .map(m -> m.getDispenseRequest().getQuantity().getValue().intValue())
                .toList();
        assertThat(zTotals).anyMatch(n -> n <= 30).anyMatch(n -> n > 30);
        // Benzodiazepines for anxiety with the anxiety Condition as reason (benzo-anxiety rule, Ån07).
        assertThat(all(MedicationRequest.class))
                .anyMatch(m -> atc(m).startsWith("N05BA")
                        && m.hasReasonReference()
                        && DiagnosisCodes.isAnxiety(icd((Condition)
                                byFullUrl.get(m.getReasonReferenceFirstRep().getReference()))));
    }

    @Test
    void ruleDrugsAreAllPresent() {
        Set<String> atcs = all(MedicationRequest.class).stream()
                .map(PopulationGeneratorTest::atc)
                .collect(Collectors.toSet());
        assertThat(atcs)
                .anyMatch(a -> a.startsWith("N05BA"))
                .anyMatch(a -> a.startsWith("N05CF"))
                .anyMatch(a -> a.startsWith("N05CD"))
                .anyMatch(a -> a.startsWith("N02A"))
                .anyMatch(a -> a.startsWith("N06AB"))
                .contains("N02BF02", "N03AE01", "N05CM06");
        // opioid-benzo needs patients with both.
        long both = bySubject.values().stream()
                .filter(rs -> rs.stream().anyMatch(r -> r instanceof MedicationRequest m && atc(m).startsWith("N02A")))
                .filter(rs -> rs.stream()
                        .anyMatch(r -> r instanceof MedicationRequest m
                                && (atc(m).startsWith("N05BA") || atc(m).startsWith("N05CF"))))
                .count();
        assertThat(both).isPositive();
    }

    @Test
    void longTermUsersHaveMedicationStatements() {
        List<MedicationStatement> statements = all(MedicationStatement.class);
        assertThat(statements).isNotEmpty();
        Set<MedicationStatement.MedicationStatementStatus> statuses = new HashSet<>();
        for (MedicationStatement statement : statements) {
            assertThat(statement
                            .getMedicationCodeableConcept()
                            .getCodingFirstRep()
                            .getSystem())
                    .isEqualTo(CodeSystems.ATC);
            assertThat(statement.getEffectivePeriod().hasStart()).isTrue();
            statuses.add(statement.getStatus());
            if (statement.getStatus() == MedicationStatement.MedicationStatementStatus.COMPLETED) {
                assertThat(statement.getEffectivePeriod().hasEnd()).isTrue();
            }
        }
        assertThat(statuses).contains(MedicationStatement.MedicationStatementStatus.ACTIVE);
    }

    @Test
    void sickLeaveFollowsTheContractWithJoinedAndSeparateGaps() {
        List<Observation> sickLeave = all(Observation.class);
        assertThat(sickLeave).hasSizeGreaterThan(100);
        for (Observation observation : sickLeave) {
            assertThat(observation.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
            assertThat(observation.getCode().getCodingFirstRep().getSystem()).isEqualTo(CodeSystems.OBSERVATION);
            assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo("sick-leave");
            assertThat(observation.getValueQuantity().getValue().intValue()).isIn(25, 50, 75, 100);
            assertThat(observation.getValueQuantity().getUnit()).isEqualTo("%");
            assertThat(observation.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
            assertThat(observation.getValueQuantity().getCode()).isEqualTo("%");
            assertThat(byFullUrl.get(observation.getFocusFirstRep().getReference()))
                    .isInstanceOf(Condition.class);
            LocalDate start = date(observation.getEffectivePeriod().getStartElement());
            LocalDate end = date(observation.getEffectivePeriod().getEndElement());
            assertThat(start).isBeforeOrEqualTo(end).isBeforeOrEqualTo(REFERENCE_DATE);
        }
        List<Long> gaps = new ArrayList<>();
        for (List<Resource> resources : bySubject.values()) {
            List<Observation> periods = resources.stream()
                    .filter(r -> r instanceof Observation)
                    .map(r -> (Observation) r)
                    .sorted((a, b) -> date(a.getEffectivePeriod().getStartElement())
                            .compareTo(date(b.getEffectivePeriod().getStartElement())))
                    .toList();
            for (int i = 1; i < periods.size(); i++) {
                gaps.add(ChronoUnit.DAYS.between(
                                date(periods.get(i - 1).getEffectivePeriod().getEndElement()),
                                date(periods.get(i).getEffectivePeriod().getStartElement()))
                        - 1);
            }
        }
        assertThat(gaps).contains(0L).anyMatch(g -> g >= 1 && g <= 5).anyMatch(g -> g > 5);
        assertThat(gaps.stream().filter(g -> g >= 0 && g <= 5).count())
                .isGreaterThan(gaps.stream().filter(g -> g > 5).count());
    }

    @Test
    void youngAdultsWithPsychiatricDiagnosesAreSickListedMoreOften() {
        double under40 = sickListedShareOfFDiagnosed(18, 39);
        double from40 = sickListedShareOfFDiagnosed(40, 64);
        assertThat(under40).isGreaterThan(from40);
    }

    @Test
    void longPsychiatricEpisodesMostlyButNotAlwaysHaveARehabPlan() {
        PopulationSummary.SickLeaveFigures figures = population.summary().sickLeave();
        assertThat(figures.psychiatricEpisodesOver28Days()).isGreaterThan(20);
        assertThat(figures.psychiatricEpisodesOver28DaysWithPlanWithin60Days())
                .isGreaterThan(figures.psychiatricEpisodesOver28Days() / 3)
                .isLessThan(figures.psychiatricEpisodesOver28Days());
        List<CarePlan> plans = all(CarePlan.class);
        assertThat(plans).allSatisfy(plan -> assertThat(
                        plan.getCategoryFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo(CodeSystems.CAREPLAN_CATEGORY));
        for (CarePlan plan : plans) {
            if (!category(plan).equals("rehab-plan")) {
                assertThat(category(plan)).isEqualTo("medication-plan");
                continue;
            }
            assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
            assertThat(plan.getStatus()).isIn(CarePlan.CarePlanStatus.ACTIVE, CarePlan.CarePlanStatus.COMPLETED);
            assertThat(byFullUrl.get(plan.getAddressesFirstRep().getReference()))
                    .isInstanceOf(Condition.class);
            assertThat(date(plan.getCreatedElement())).isBeforeOrEqualTo(REFERENCE_DATE);
        }
    }

    @Test
    void proceduresIncludeKbtForAboutAFifthOfNewAnxietyAndActivityCodes() {
        Set<String> codes = new HashSet<>();
        for (Procedure procedure : all(Procedure.class)) {
            assertThat(procedure.getStatus()).isEqualTo(Procedure.ProcedureStatus.COMPLETED);
            assertThat(procedure.getCode().getCodingFirstRep().getSystem()).isEqualTo(CodeSystems.KVA);
            assertThat(date(procedure.getPerformedDateTimeType())).isBeforeOrEqualTo(REFERENCE_DATE);
            codes.add(procedure.getCode().getCodingFirstRep().getCode());
        }
        assertThat(codes).contains("DU011", "DV131", "DV132", "DV133", "DV200", "AW005", "XV015");

        // First anxiety diagnosis at least 180 days before the reference date: did KBT follow within 180 days?
        int newAnxiety = 0;
        int withKbt = 0;
        for (List<Resource> resources : bySubject.values()) {
            LocalDate index = resources.stream()
                    .filter(r -> r instanceof Condition c && DiagnosisCodes.isAnxiety(icd(c)))
                    .map(r -> date(((Condition) r).getRecordedDateElement()))
                    .min(LocalDate::compareTo)
                    .orElse(null);
            if (index == null || index.isAfter(REFERENCE_DATE.minusDays(180))) {
                continue;
            }
            newAnxiety++;
            boolean kbt = resources.stream()
                    .anyMatch(r -> r instanceof Procedure p
                            && "DU011".equals(p.getCode().getCodingFirstRep().getCode())
                            && !date(p.getPerformedDateTimeType()).isBefore(index)
                            && !date(p.getPerformedDateTimeType()).isAfter(index.plusDays(180)));
            withKbt += kbt ? 1 : 0;
        }
        double share = (double) withKbt / newAnxiety;
        assertThat(share).isBetween(0.15, 0.35); // seed Ån09: 22.6 %, goal ≥ 20 %
    }

    @Test
    void everyReferenceResolvesInsideItsBundleOrToAUnitOrPal() {
        Set<String> units =
                population.units().stream().map(CareUnit::reference).collect(Collectors.toCollection(HashSet::new));
        population.regularDoctors().forEach(d -> units.add(d.reference()));
        ca.uhn.fhir.util.FhirTerser terser =
                ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser();
        for (Bundle bundle : population.patientBundles()) {
            Set<String> fullUrls = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getFullUrl)
                    .collect(Collectors.toSet());
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                assertThat(entry.getFullUrl())
                        .matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                assertThat(entry.getRequest().getUrl())
                        .isEqualTo(entry.getResource().fhirType());
                assertThat(entry.getResource().hasId()).isFalse();
                for (Reference reference :
                        terser.getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                    String target = reference.getReference();
                    assertThat(fullUrls.contains(target) || units.contains(target))
                            .as(target)
                            .isTrue();
                }
            }
        }
    }

    // --- PALs and the follow-ups of the worklists (data contract and indicators, version 2) ---

    @Test
    void everyUnitHasTwoToSixNamedPalsWithHsaIdsInTheUnitsForm() {
        Map<String, List<Practitioner>> byUnit = palsByUnit();
        assertThat(byUnit.keySet())
                .isEqualTo(population.units().stream().map(CareUnit::reference).collect(Collectors.toSet()));
        Set<String> hsaIds = new HashSet<>();
        for (CareUnit unit : population.units()) {
            List<Practitioner> pals = byUnit.get(unit.reference());
            assertThat(pals).as(unit.name()).hasSizeBetween(2, 6);
            String unitNumber = unit.hsaId().substring(unit.hsaId().indexOf('-') + 1);
            for (Practitioner pal : pals) {
                String hsaId = pal.getIdentifierFirstRep().getValue();
                assertThat(pal.getIdentifier()).hasSize(1);
                assertThat(pal.getIdentifierFirstRep().getSystem()).isEqualTo(CodeSystems.HSA_ID);
                assertThat(HsaId.isValid(hsaId)).as(hsaId).isTrue();
                assertThat(hsaId).matches("SE2321000065-L" + unitNumber + "[1-6]");
                assertThat(hsaIds.add(hsaId)).as("unique " + hsaId).isTrue();
                assertThat(pal.getNameFirstRep().getFamily()).isNotBlank();
                assertThat(pal.getNameFirstRep().getGivenAsSingleString()).isNotBlank();
                assertThat(pal.getIdElement().getIdPart()).startsWith(unit.id().replace("vc-", "pal-"));
                assertThat(contract.validate(pal)).as(hsaId).isEmpty();
            }
        }
        // PUT with fixed ids, like the units: loading twice does not duplicate them
        assertThat(population.organizationBundle().getEntry())
                .filteredOn(e -> !(e.getResource() instanceof org.hl7.fhir.r4.model.Organization))
                .allSatisfy(e -> {
                    assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
                    assertThat(e.getRequest().getUrl())
                            .isEqualTo(e.getResource().fhirType() + "/"
                                    + e.getResource().getIdElement().getIdPart());
                });
    }

    @Test
    void mostListedPatientsHaveAPalOfTheirOwnUnitAndSomeHaveNone() {
        Map<String, String> unitOfPal = new HashMap<>();
        palsByUnit().forEach((unit, pals) -> pals.forEach(p -> unitOfPal.put("Practitioner/" + p.getIdPart(), unit)));
        List<Patient> listed = all(Patient.class).stream()
                .filter(p -> !p.hasActive() || p.getActive())
                .toList();
        long withoutPal = 0;
        Map<String, Long> patientsPerPal = new HashMap<>();
        for (Patient patient : listed) {
            assertThat(contract.validate(patient)).isEmpty();
            if (!patient.hasGeneralPractitioner()) {
                withoutPal++;
                continue;
            }
            assertThat(patient.getGeneralPractitioner()).hasSize(1);
            String pal = patient.getGeneralPractitionerFirstRep().getReference();
            assertThat(unitOfPal).containsKey(pal);
            assertThat(unitOfPal.get(pal))
                    .isEqualTo(patient.getManagingOrganization().getReference());
            patientsPerPal.merge(pal, 1L, Long::sum);
        }
        double share = (double) withoutPal / listed.size();
        assertThat(share).isBetween(0.05, 0.10);
        assertThat(patientsPerPal.keySet()).isEqualTo(unitOfPal.keySet()); // every PAL has patients
        PopulationSummary.FollowUpFigures figures = population.summary().followUps();
        assertThat(figures.regularDoctors()).isEqualTo(unitOfPal.size());
        assertThat(figures.patientsWithRegularDoctor() + figures.patientsWithoutRegularDoctor())
                .isEqualTo(5000);
        assertThat(population.summary().units().stream()
                        .mapToInt(PopulationSummary.UnitCount::listedWithoutRegularDoctor)
                        .sum())
                .isEqualTo((int) withoutPal);
    }

    @Test
    void medicationPlansNameTheDrugAndTheGoalAndSomeAreDrafts() {
        List<CarePlan> plans = all(CarePlan.class).stream()
                .filter(p -> category(p).equals("medication-plan"))
                .toList();
        assertThat(plans).hasSizeGreaterThan(10);
        Set<CarePlan.CarePlanStatus> statuses = new HashSet<>();
        for (CarePlan plan : plans) {
            assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
            statuses.add(plan.getStatus());
            assertThat(date(plan.getCreatedElement())).isBeforeOrEqualTo(REFERENCE_DATE);
            assertThat(byFullUrl.get(plan.getSubject().getReference())).isInstanceOf(Patient.class);
            for (Reference addresses : plan.getAddresses()) {
                assertThat(byFullUrl.get(addresses.getReference())).isInstanceOf(Condition.class);
            }
            assertThat(plan.getActivity()).hasSize(1);
            CarePlan.CarePlanActivityDetailComponent detail =
                    plan.getActivityFirstRep().getDetail();
            Coding atc = detail.getProductCodeableConcept().getCodingFirstRep();
            assertThat(atc.getSystem()).isEqualTo(CodeSystems.ATC);
            assertThat(atc.getCode()).matches("N05BA.*|N03AE01|N05CF.*|N05CD.*|N02A.*|N02BF.*");
            assertThat(detail.getDescription()).startsWith("Nedtrappning av " + AtcCodes.displaySv(atc.getCode()));
            assertThat(detail.hasStatus()).isTrue();
        }
        assertThat(statuses)
                .containsExactlyInAnyOrder(
                        CarePlan.CarePlanStatus.ACTIVE,
                        CarePlan.CarePlanStatus.COMPLETED,
                        CarePlan.CarePlanStatus.DRAFT);
        long drafts = plans.stream()
                .filter(p -> p.getStatus() == CarePlan.CarePlanStatus.DRAFT)
                .count();
        assertThat(drafts).isLessThan(plans.size() / 3);
        assertThat(population.summary().followUps().medicationPlansDraft()).isEqualTo((int) drafts);
    }

    @Test
    void teamInterventionsAreOrderedAsServiceRequestsToo() {
        List<ServiceRequest> requests = all(ServiceRequest.class);
        assertThat(requests).hasSizeGreaterThan(5);
        Set<ServiceRequest.ServiceRequestStatus> statuses = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (ServiceRequest request : requests) {
            assertThat(request.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
            statuses.add(request.getStatus());
            assertThat(request.getCode().getCodingFirstRep().getSystem()).isEqualTo(CodeSystems.KVA);
            codes.add(request.getCode().getCodingFirstRep().getCode());
            assertThat(date(request.getAuthoredOnElement())).isBeforeOrEqualTo(REFERENCE_DATE);
            assertThat(byFullUrl.get(request.getSubject().getReference())).isInstanceOf(Patient.class);
            assertThat(byFullUrl.get(request.getReasonReferenceFirstRep().getReference()))
                    .isInstanceOf(Condition.class);
            if (request.hasRequester()) {
                assertThat(request.getRequester().getReference()).startsWith("Practitioner/pal-");
            }
        }
        assertThat(statuses)
                .containsExactlyInAnyOrder(
                        ServiceRequest.ServiceRequestStatus.ACTIVE, ServiceRequest.ServiceRequestStatus.COMPLETED);
        assertThat(codes).contains("DU011", "DV200").isSubsetOf("DU011", "DU008", "DU022", "DV200");
    }

    @Test
    void everyWorklistColumnHasBothFilledAndMissingRows() {
        LocalDate yearAgo = REFERENCE_DATE.minusYears(1);
        // an07: anxiety in 24 months and a benzodiazepine in 12 months
        List<List<Resource>> an07 = bySubject.values().stream()
                .filter(rs -> rs.stream()
                        .anyMatch(r -> r instanceof Condition c
                                && DiagnosisCodes.isAnxiety(icd(c))
                                && date(c.getRecordedDateElement()).isAfter(REFERENCE_DATE.minusYears(2))))
                .filter(rs -> rs.stream()
                        .anyMatch(r -> r instanceof MedicationRequest m
                                && atc(m).startsWith("N05BA")
                                && date(m.getAuthoredOnElement()).isAfter(yearAgo)))
                .toList();
        assertThat(an07).hasSizeGreaterThan(10);
        assertFilledAndMissing("an07 medication review", an07, rs -> hasMedicationReview(rs, yearAgo));
        assertFilledAndMissing("an07 medication plan", an07, rs -> hasMedicationPlan(rs, yearAgo));
        assertFilledAndMissing("an07 team intervention", an07, rs -> hasTeamIntervention(rs, yearAgo));
        assertThat(an07)
                .anyMatch(rs -> hasMedicationReview(rs, yearAgo)
                        && hasMedicationPlan(rs, yearAgo)
                        && hasTeamIntervention(rs, yearAgo));

        // tapering: prescriptions of one dependence-inducing substance spanning 90 days or more
        List<List<Resource>> tapering = bySubject.values().stream()
                .filter(PopulationGeneratorTest::longTermDependenceInducing)
                .toList();
        assertThat(tapering).hasSizeGreaterThan(20);
        assertFilledAndMissing("tapering medication review", tapering, rs -> hasMedicationReview(rs, LocalDate.MIN));
        assertFilledAndMissing("tapering active plan", tapering, rs -> rs.stream()
                .anyMatch(r -> r instanceof CarePlan p
                        && category(p).equals("medication-plan")
                        && p.getStatus() == CarePlan.CarePlanStatus.ACTIVE));

        // sick-leave: a psychiatric episode going on at some day of the last half year (the list of that day)
        List<List<Resource>> sickListed = new ArrayList<>();
        List<SickLeavePeriod> current = new ArrayList<>();
        for (List<Resource> resources : bySubject.values()) {
            List<SickLeavePeriod> periods = resources.stream()
                    .filter(r -> r instanceof Observation)
                    .map(r -> (Observation) r)
                    .map(o -> new SickLeavePeriod(
                            date(o.getEffectivePeriod().getStartElement()),
                            date(o.getEffectivePeriod().getEndElement()),
                            o.getValueQuantity().getValue().intValue(),
                            icd((Condition) byFullUrl.get(o.getFocusFirstRep().getReference())),
                            o.getFocusFirstRep().getReference()))
                    .toList();
            SickLeavePeriod.episodes(periods).stream()
                    .filter(e -> SickLeavePeriod.psychiatric(e)
                            && !e.start().isAfter(REFERENCE_DATE)
                            && !e.end().isBefore(REFERENCE_DATE.minusDays(180)))
                    .findFirst()
                    .ifPresent(e -> {
                        sickListed.add(resources);
                        current.add(new SickLeavePeriod(e.start(), e.end(), 0, null, null));
                    });
        }
        assertThat(sickListed).hasSizeGreaterThan(10);
        List<Boolean> rehabPlan = new ArrayList<>();
        List<Boolean> activity = new ArrayList<>();
        for (int i = 0; i < sickListed.size(); i++) {
            LocalDate start = current.get(i).start();
            rehabPlan.add(sickListed.get(i).stream()
                    .anyMatch(r -> r instanceof CarePlan p
                            && category(p).equals("rehab-plan")
                            && !date(p.getCreatedElement()).isBefore(start)));
            activity.add(sickListed.get(i).stream()
                    .anyMatch(r -> r instanceof Procedure p
                            && List.of("DV131", "DV132", "DV133", "DV200").contains(kva(p))
                            && !date(p.getPerformedDateTimeType()).isBefore(start.minusDays(30))));
        }
        assertThat(rehabPlan).as("sick-leave rehab plan").contains(true, false);
        assertThat(activity).as("sick-leave activity/FaR").contains(true, false);
    }

    @Test
    void farFollowUpsComeAfterAFar() {
        for (List<Resource> resources : bySubject.values()) {
            List<LocalDate> far = procedureDates(resources, "DV200");
            for (LocalDate followUp : procedureDates(resources, "AW005")) {
                assertThat(far).anyMatch(d -> d.isBefore(followUp));
            }
        }
        assertThat(population.summary().followUps().farFollowUps()).isPositive();
    }

    private static void assertFilledAndMissing(
            String column, List<List<Resource>> rows, java.util.function.Predicate<List<Resource>> filled) {
        assertThat(rows).as(column + " filled").anyMatch(filled);
        assertThat(rows).as(column + " missing").anyMatch(filled.negate());
    }

    private static boolean hasMedicationReview(List<Resource> resources, LocalDate after) {
        return resources.stream()
                .anyMatch(r -> r instanceof Procedure p
                        && List.of("XV015", "XV016").contains(kva(p))
                        && date(p.getPerformedDateTimeType()).isAfter(after));
    }

    private static boolean hasMedicationPlan(List<Resource> resources, LocalDate after) {
        return resources.stream()
                .anyMatch(r -> r instanceof CarePlan p
                        && category(p).equals("medication-plan")
                        && (p.getStatus() == CarePlan.CarePlanStatus.ACTIVE
                                || p.getStatus() == CarePlan.CarePlanStatus.COMPLETED)
                        && date(p.getCreatedElement()).isAfter(after));
    }

    private static boolean hasTeamIntervention(List<Resource> resources, LocalDate after) {
        List<String> team = List.of("DU008", "DU010", "DU011", "DU020", "DU022", "DV200");
        return resources.stream()
                .anyMatch(r -> (r instanceof Procedure p
                                && team.contains(kva(p))
                                && date(p.getPerformedDateTimeType()).isAfter(after))
                        || (r instanceof ServiceRequest s
                                && team.contains(s.getCode().getCodingFirstRep().getCode())
                                && s.getStatus() != ServiceRequest.ServiceRequestStatus.DRAFT
                                && date(s.getAuthoredOnElement()).isAfter(after)));
    }

    private static boolean longTermDependenceInducing(List<Resource> resources) {
        Map<String, List<LocalDate>> dates = new HashMap<>();
        for (Resource r : resources) {
            if (r instanceof MedicationRequest m && atc(m).matches("N05BA.*|N05CF.*|N05CD.*|N02A.*|N02BF.*")) {
                dates.computeIfAbsent(atc(m), k -> new ArrayList<>()).add(date(m.getAuthoredOnElement()));
            }
        }
        return dates.values().stream()
                .anyMatch(ds -> ChronoUnit.DAYS.between(
                                ds.stream().min(LocalDate::compareTo).orElseThrow(),
                                ds.stream().max(LocalDate::compareTo).orElseThrow())
                        >= 90);
    }

    private static List<LocalDate> procedureDates(List<Resource> resources, String code) {
        return resources.stream()
                .filter(r -> r instanceof Procedure p && code.equals(kva(p)))
                .map(r -> date(((Procedure) r).getPerformedDateTimeType()))
                .toList();
    }

    /** The unit of each PAL, from its PractitionerRole; the Practitioners by unit reference. */
    private static Map<String, List<Practitioner>> palsByUnit() {
        Map<String, Practitioner> practitioners = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : population.organizationBundle().getEntry()) {
            if (entry.getResource() instanceof Practitioner practitioner) {
                practitioners.put("Practitioner/" + practitioner.getIdPart(), practitioner);
            }
        }
        Map<String, List<Practitioner>> byUnit = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : population.organizationBundle().getEntry()) {
            if (entry.getResource() instanceof PractitionerRole role) {
                Practitioner practitioner =
                        practitioners.remove(role.getPractitioner().getReference());
                assertThat(practitioner)
                        .as(role.getPractitioner().getReference())
                        .isNotNull();
                byUnit.computeIfAbsent(role.getOrganization().getReference(), k -> new ArrayList<>())
                        .add(practitioner);
            }
        }
        assertThat(practitioners).as("Practitioners without a role at a unit").isEmpty();
        return byUnit;
    }

    private static String category(CarePlan plan) {
        return plan.getCategoryFirstRep().getCodingFirstRep().getCode();
    }

    private static String kva(Procedure procedure) {
        return procedure.getCode().getCodingFirstRep().getCode();
    }

    private static double sickListedShareOfFDiagnosed(int minAge, int maxAge) {
        int diagnosed = 0;
        int sickListed = 0;
        for (Map.Entry<String, List<Resource>> patient : bySubject.entrySet()) {
            Resource resource = byFullUrl.get(patient.getKey());
            if (!(resource instanceof Patient p) || age(p) < minAge || age(p) > maxAge) {
                continue;
            }
            List<Resource> resources = patient.getValue();
            if (resources.stream()
                    .anyMatch(r -> r instanceof Condition c
                            && (DiagnosisCodes.isAnxiety(icd(c)) || DiagnosisCodes.isDepression(icd(c))))) {
                diagnosed++;
                sickListed += resources.stream().anyMatch(r -> r instanceof Observation) ? 1 : 0;
            }
        }
        return (double) sickListed / diagnosed;
    }

    private static long patientsWith(java.util.function.Predicate<Resource> predicate) {
        return bySubject.values().stream()
                .filter(rs -> rs.stream().anyMatch(predicate))
                .count();
    }

    private static <T extends Resource> List<T> all(Class<T> type) {
        List<T> list = new ArrayList<>();
        for (Bundle bundle : population.patientBundles()) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (type.isInstance(entry.getResource())) {
                    list.add(type.cast(entry.getResource()));
                }
            }
        }
        return list;
    }

    private static String subject(Resource resource) {
        if (resource instanceof Patient) {
            return null;
        }
        try {
            Object subject = resource.getClass().getMethod("getSubject").invoke(resource);
            return ((Reference) subject).getReference();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int age(Patient patient) {
        return java.time.Period.between(
                        LocalDate.parse(patient.getBirthDateElement().getValueAsString()), REFERENCE_DATE)
                .getYears();
    }

    private static String icd(Condition condition) {
        return condition.getCode().getCodingFirstRep().getCode();
    }

    private static String atc(MedicationRequest request) {
        return request.getMedicationCodeableConcept().getCodingFirstRep().getCode();
    }

    private static LocalDate date(BaseDateTimeType value) {
        assertThat(value.getValueAsString()).hasSize(10); // day precision, no time zone to shift the date
        return LocalDate.parse(value.getValueAsString());
    }
}

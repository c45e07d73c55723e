package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import se.primarycare.cds.synthetic.PatientRecord.RecordedDiagnosis;

/**
 * Writes prescriptions (MedicationRequest) and, for some long-term users, what they take (MedicationStatement).
 *
 * <p>The mix is chosen to exercise every CDS rule and prescribing indicator: benzodiazepines for a few per cent
 * of anxiety patients (Ån07), new benzodiazepine and z-drug prescriptions both within and above the starter-pack
 * limits (Lm8/Lm5-like), long-term users (Lm4/Lm7-like, long-term-use rule), opioid users, some of them also on
 * sedatives (opioid-benzo), SSRIs for anxiety (the must-not-fire case), and requests without a product code.
 * Long courses thin out over the three years, so DDD per 1000 listed falls year on year as in the seed reports.
 */
final class PrescriptionGenerator {

    /** Requests written with the ATC code only, as some EHR exports do (data-quality figures). */
    static final double ATC_ONLY_SHARE = 0.02;

    static final double STOPPED_SHARE = 0.025;
    static final double CANCELLED_SHARE = 0.015;

    /**
     * Seed: Ån07 was 29 of 481 anxiety patients (6 %) with benzodiazepines, the goal 10 (2 %); mostly
     * patients over 46 ("25 av dessa 26 är äldre än 46 år"). Base 7 %, 1.5× from 40, 0.6× below.
     */
    static final double BENZODIAZEPINE_FOR_ANXIETY = 0.07;

    static final int BENZODIAZEPINE_STARTER_LIMIT = 25;
    static final int Z_DRUG_STARTER_LIMIT = 30;

    private static final WeightedChoice<String> ANXIETY_BENZODIAZEPINES = WeightedChoice.<String>of()
            .add(15, "oxazepam-5mg-tab")
            .add(28, "oxazepam-10mg-tab")
            .add(9, "oxazepam-15mg-tab")
            .add(3, "oxazepam-25mg-tab")
            .add(3, "diazepam-2mg-tab")
            .add(14, "diazepam-5mg-tab")
            .add(3, "diazepam-10mg-tab")
            .add(5, "alprazolam-0.25mg-tab")
            .add(5, "alprazolam-0.5mg-tab")
            .add(2, "alprazolam-1mg-tab")
            .add(4, "lorazepam-1mg-tab")
            .add(1, "lorazepam-2.5mg-tab")
            .add(6, "clonazepam-0.5mg-tab")
            .add(2, "clonazepam-2mg-tab");

    private static final WeightedChoice<String> Z_DRUGS = WeightedChoice.<String>of()
            .add(26, "zopiclone-5mg-tab")
            .add(39, "zopiclone-7.5mg-tab")
            .add(14, "zolpidem-5mg-tab")
            .add(21, "zolpidem-10mg-tab");

    private static final WeightedChoice<String> OPIOIDS = WeightedChoice.<String>of()
            .add(25, "codeine-paracetamol-30mg-500mg-tab")
            .add(15, "codeine-paracetamol-30mg-500mg-efftab")
            .add(25, "tramadol-50mg-tab")
            .add(15, "oxycodone-5mg-tab")
            .add(5, "oxycodone-10mg-tab")
            .add(15, "morphine-10mg-tab");

    private static final WeightedChoice<Drug> SSRIS = WeightedChoice.<Drug>of()
            .add(48, Drug.of("sertraline-50mg-tab"))
            .add(49, Drug.of("escitalopram-10mg-tab"))
            .add(3, Drug.atcOnly(AtcCodes.CITALOPRAM));

    /** Courses that continue are tapered over the years (seed: benzodiazepine DDD −13 % per year). */
    private static final double CONTINUE_AT_START = 0.93;

    private static final double CONTINUE_DECLINE_PER_YEAR = 0.05;

    void generate(PatientRecord record, RandomDraws draws) {
        Optional<RecordedDiagnosis> anxiety = record.firstDiagnosis(DiagnosisCodes::isAnxiety);
        Optional<RecordedDiagnosis> depression = record.firstDiagnosis(DiagnosisCodes::isDepression);
        Optional<RecordedDiagnosis> insomnia = record.firstDiagnosis(DiagnosisCodes::isInsomnia);
        boolean sedativeUser = false;
        boolean onAntidepressant = false;

        if (anxiety.isPresent() && isAdultOn(record, anxiety.get().recorded())) {
            RecordedDiagnosis a = anxiety.get();
            if (draws.chance(0.35)) {
                antidepressant(record, draws, SSRIS.pick(draws), a);
                onAntidepressant = true;
            }
            if (draws.chance(0.12)) {
                shortCourse(
                        record,
                        draws,
                        Drug.of(draws.chance(0.7) ? "hydroxyzine-25mg-tab" : "hydroxyzine-10mg-tab"),
                        a.recorded().plusDays(draws.between(0, 30)),
                        25,
                        a.reference());
            }
            double benzoRate = BENZODIAZEPINE_FOR_ANXIETY * (record.ageOn(a.recorded()) >= 40 ? 1.5 : 0.6);
            if (draws.chance(benzoRate)) {
                sedativeUser |= sedative(
                        record,
                        draws,
                        Drug.of(ANXIETY_BENZODIAZEPINES.pick(draws)),
                        a.recorded().plusDays(draws.between(0, 60)),
                        BENZODIAZEPINE_STARTER_LIMIT,
                        draws.chance(0.8) ? a.reference() : null);
            }
            Optional<RecordedDiagnosis> gad = record.firstDiagnosis("F41.1"::equals);
            if (gad.isPresent() && draws.chance(0.10)) {
                pregabalin(
                        record,
                        draws,
                        gad.get().recorded().plusDays(draws.between(0, 60)),
                        gad.get().reference());
            }
        }
        if (depression.isPresent() && isAdultOn(record, depression.get().recorded())) {
            if (!onAntidepressant && draws.chance(0.55)) {
                antidepressant(record, draws, SSRIS.pick(draws), depression.get());
            }
            if (draws.chance(0.05)) {
                antidepressant(record, draws, Drug.atcOnly(AtcCodes.MIRTAZAPINE), depression.get());
            }
        }
        if (insomnia.isPresent() && isAdultOn(record, insomnia.get().recorded())) {
            RecordedDiagnosis i = insomnia.get();
            if (draws.chance(0.45)) {
                sedativeUser |= sedative(
                        record,
                        draws,
                        Drug.of(Z_DRUGS.pick(draws)),
                        i.recorded().plusDays(draws.between(0, 30)),
                        Z_DRUG_STARTER_LIMIT,
                        i.reference());
            }
            if (draws.chance(0.15)) {
                shortCourse(record, draws, Drug.of("propiomazine-25mg-tab"), i.recorded(), 20, i.reference());
            }
            if (record.age() >= 55 && draws.chance(0.15)) {
                shortCourse(record, draws, Drug.of("melatonin-2mg-prtab"), i.recorded(), 30, i.reference());
            }
        }
        sedativeUser |= sedativesWithoutDiagnosis(record, draws);
        opioids(record, draws, sedativeUser);
        if (record.age() >= 30 && draws.chance(0.012)) {
            LocalDate start = draws.dateBetween(record.firstDayAged(30), record.referenceDate());
            if (start != null) {
                pregabalin(record, draws, start, null);
            }
        }
    }

    /**
     * Hypnotics and benzodiazepines without a recorded reason: older people with sleeping pills for years,
     * the group the insomnia rule ("no recorded reason") and the long-term-use indicators are about.
     */
    private boolean sedativesWithoutDiagnosis(PatientRecord record, RandomDraws draws) {
        int age = record.age();
        boolean user = false;
        double zRate = age >= 65 ? 0.04 : age >= 40 ? 0.02 : age >= 18 ? 0.006 : 0;
        if (draws.chance(zRate)) {
            LocalDate start = draws.dateBetween(record.firstDayAged(18), record.referenceDate());
            if (start != null) {
                user |= sedative(record, draws, Drug.of(Z_DRUGS.pick(draws)), start, Z_DRUG_STARTER_LIMIT, null);
            }
        }
        if (age >= 70 && draws.chance(0.01)) {
            user |= longTermFromBeforeHistory(record, draws, Drug.of("nitrazepam-5mg-tab"));
        }
        if (age >= 60 && draws.chance(0.015)) {
            Drug drug = Drug.of(draws.oneOf("oxazepam-10mg-tab", "oxazepam-15mg-tab", "diazepam-5mg-tab"));
            user |= longTermFromBeforeHistory(record, draws, drug);
        }
        if (age >= 18 && draws.chance(0.005)) {
            LocalDate start = draws.dateBetween(record.firstDayAged(18), record.referenceDate());
            if (start != null) {
                shortCourse(record, draws, Drug.of("propiomazine-25mg-tab"), start, 20, null);
            }
        }
        return user;
    }

    /**
     * A benzodiazepine or z-drug started in the history: a first prescription within or above the
     * starter-pack limit (starter packs become more common over the years, as the seed unit reports),
     * and for some a long course of large packs.
     *
     * @return true when the patient got a prescription
     */
    private boolean sedative(
            PatientRecord record, RandomDraws draws, Drug drug, LocalDate first, int starterLimit, String reason) {
        if (first.isAfter(record.referenceDate())) {
            return false;
        }
        boolean starter = draws.chance(0.40 + 0.35 * historyFraction(record, first));
        int starterPack = drug.product().largestPackAtMost(starterLimit);
        Dispensing firstDispensing = starter && starterPack > 0
                ? new Dispensing(starterPack, 0)
                : new Dispensing(largePack(drug), pickRepeats(draws, 60, 25, 15, 0));
        List<LocalDate> dates = new ArrayList<>();
        dates.add(prescribe(record, draws, drug, first, firstDispensing, reason, false));
        if (draws.chance(0.30)) {
            dates.addAll(continueCourse(record, draws, drug, first, 30, 120, reason));
            record.markLongTermSedativeUse(first);
            medicationStatementForSome(record, draws, drug, first, dates, reason, 0.6);
            if (draws.chance(0.06)) {
                LocalDate dependence = draws.dateBetween(first.plusDays(180), record.referenceDate());
                if (dependence != null) {
                    record.addDiagnosis(
                            "F13",
                            dependence,
                            FhirResourceFactory.condition(record.patientReference(), "F13", dependence, null, true));
                }
            }
        } else if (draws.chance(0.30)) {
            LocalDate second = first.plusDays(draws.between(14, 60));
            if (!second.isAfter(record.referenceDate())) {
                int pack = starterPack > 0 ? starterPack : largePack(drug);
                prescribe(record, draws, drug, second, new Dispensing(pack, 0), reason, true);
            }
        }
        return true;
    }

    /** A long-term user whose use began years before the history: prescriptions every 1–3 months. */
    private boolean longTermFromBeforeHistory(PatientRecord record, RandomDraws draws, Drug drug) {
        LocalDate first = record.historyStart().plusDays(draws.between(0, 90));
        List<LocalDate> dates = new ArrayList<>();
        dates.add(prescribe(
                record,
                draws,
                drug,
                first,
                new Dispensing(largePack(drug), pickRepeats(draws, 50, 30, 20, 0)),
                null,
                false));
        dates.addAll(continueCourse(record, draws, drug, first, 30, 90, null));
        LocalDate useBegan = first.minusYears(draws.between(1, 8));
        record.markLongTermSedativeUse(useBegan);
        medicationStatementForSome(record, draws, drug, useBegan, dates, null, 0.7);
        return true;
    }

    private void opioids(PatientRecord record, RandomDraws draws, boolean sedativeUser) {
        int age = record.age();
        double rate = age >= 65 ? 0.07 : age >= 40 ? 0.05 : age >= 18 ? 0.02 : 0;
        // Opioids and sedatives go together more often than chance: the opioid-benzo rule needs such patients.
        if (!draws.chance(rate * (sedativeUser ? 2.5 : 1.0))) {
            return;
        }
        LocalDate start = draws.dateBetween(record.firstDayAged(18), record.referenceDate());
        if (start == null) {
            return;
        }
        Drug drug = Drug.of(OPIOIDS.pick(draws));
        if (draws.chance(0.2)) {
            List<LocalDate> dates = new ArrayList<>();
            dates.add(prescribe(
                    record,
                    draws,
                    drug,
                    start,
                    new Dispensing(largePack(drug), pickRepeats(draws, 50, 30, 20, 0)),
                    null,
                    false));
            dates.addAll(continueCourse(record, draws, drug, start, 30, 90, null));
            medicationStatementForSome(record, draws, drug, start, dates, null, 0.5);
        } else {
            shortCourse(record, draws, drug, start, 30, null);
        }
    }

    private void pregabalin(PatientRecord record, RandomDraws draws, LocalDate first, String reason) {
        if (first.isAfter(record.referenceDate())) {
            return;
        }
        Drug drug = Drug.of(draws.chance(0.8) ? "pregabalin-75mg-cap" : "pregabalin-25mg-cap");
        prescribe(record, draws, drug, first, new Dispensing(drug.product().smallestPackAtLeast(56), 0), reason, false);
        if (draws.chance(0.6)) {
            continueCourse(record, draws, drug, first, 60, 100, reason);
        }
    }

    private void antidepressant(PatientRecord record, RandomDraws draws, Drug drug, RecordedDiagnosis reason) {
        LocalDate first = reason.recorded().plusDays(draws.between(0, 30));
        if (first.isAfter(record.referenceDate())) {
            return;
        }
        // A month to see the effect, then larger packs with repeats for the 6–12 months of treatment.
        int firstPack = drug.product() == null ? 30 : drug.product().largestPackAtMost(30);
        prescribe(record, draws, drug, first, new Dispensing(firstPack, 0), reason.reference(), false);
        LocalDate date = first.plusDays(draws.between(25, 40));
        int more = draws.between(1, 5);
        for (int i = 0; i < more && !date.isAfter(record.referenceDate()); i++) {
            prescribe(
                    record,
                    draws,
                    drug,
                    date,
                    new Dispensing(largePack(drug), draws.between(1, 3)),
                    reason.reference(),
                    i == more - 1);
            date = date.plusDays(draws.between(150, 250));
        }
    }

    /** One small prescription, sometimes a second one a few weeks later. */
    private void shortCourse(
            PatientRecord record, RandomDraws draws, Drug drug, LocalDate first, int smallLimit, String reason) {
        if (first.isAfter(record.referenceDate())) {
            return;
        }
        int small = drug.product().largestPackAtMost(smallLimit);
        int pack = small > 0 ? small : drug.product().smallestPack();
        prescribe(record, draws, drug, first, new Dispensing(pack, 0), reason, false);
        if (draws.chance(0.25)) {
            LocalDate second = first.plusDays(draws.between(14, 90));
            if (!second.isAfter(record.referenceDate())) {
                prescribe(record, draws, drug, second, new Dispensing(pack, draws.between(0, 1)), reason, true);
            }
        }
    }

    /**
     * Renewals after {@code first}, every {@code minDays}–{@code maxDays}, until the reference date or until the
     * course stops; the chance to continue falls by 5 points per year of history (tapering work).
     */
    private List<LocalDate> continueCourse(
            PatientRecord record,
            RandomDraws draws,
            Drug drug,
            LocalDate first,
            int minDays,
            int maxDays,
            String reason) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate date = first.plusDays(draws.between(minDays, maxDays));
        while (!date.isAfter(record.referenceDate())) {
            double years = historyFraction(record, date) * 3;
            if (!draws.chance(CONTINUE_AT_START - CONTINUE_DECLINE_PER_YEAR * years)) {
                break;
            }
            LocalDate next = date.plusDays(draws.between(minDays, maxDays));
            boolean last = next.isAfter(record.referenceDate());
            prescribe(
                    record,
                    draws,
                    drug,
                    date,
                    new Dispensing(largePack(drug), pickRepeats(draws, 70, 30, 0, 0)),
                    reason,
                    last);
            dates.add(date);
            date = next;
        }
        return dates;
    }

    /** What the patient takes according to medication reconciliation: active while prescriptions continue. */
    private void medicationStatementForSome(
            PatientRecord record,
            RandomDraws draws,
            Drug drug,
            LocalDate start,
            List<LocalDate> dates,
            String reason,
            double probability) {
        if (!draws.chance(probability)) {
            return;
        }
        LocalDate lastPrescription = dates.get(dates.size() - 1);
        boolean stillUsing = lastPrescription.isAfter(record.referenceDate().minusDays(180));
        LocalDate end = stillUsing ? null : lastPrescription.plusDays(60);
        record.add(FhirResourceFactory.medicationStatement(record.patientReference(), drug, start, end, reason));
    }

    private LocalDate prescribe(
            PatientRecord record,
            RandomDraws draws,
            Drug drug,
            LocalDate authoredOn,
            Dispensing dispensing,
            String reason,
            boolean lastOfCourse) {
        boolean withProduct = drug.product() != null && !draws.chance(ATC_ONLY_SHARE);
        Prescription prescription = new Prescription(
                drug,
                withProduct,
                authoredOn,
                dispensing.quantity(),
                dispensing.repeats(),
                status(record, draws, authoredOn, lastOfCourse),
                DosageTexts.forDrug(drug),
                reason);
        record.add(FhirResourceFactory.medicationRequest(record.patientReference(), prescription));
        return authoredOn;
    }

    /**
     * Recent prescriptions are active, older ones completed; the last one of a continuing course stays active
     * for a year (a Swedish prescription is valid for a year). A few are stopped or cancelled, which the
     * indicators must ignore.
     */
    private MedicationRequestStatus status(
            PatientRecord record, RandomDraws draws, LocalDate authoredOn, boolean lastOfCourse) {
        double kind = draws.random().nextDouble();
        if (kind < STOPPED_SHARE) {
            return MedicationRequestStatus.STOPPED;
        }
        if (kind < STOPPED_SHARE + CANCELLED_SHARE) {
            return MedicationRequestStatus.CANCELLED;
        }
        long age = ChronoUnit.DAYS.between(authoredOn, record.referenceDate());
        if (age <= 90 || (lastOfCourse && age <= 365)) {
            return MedicationRequestStatus.ACTIVE;
        }
        return MedicationRequestStatus.COMPLETED;
    }

    /** A large pack: the smallest one of about 100 units (98/100), or what the drug has. */
    private static int largePack(Drug drug) {
        return drug.product() == null ? 100 : drug.product().smallestPackAtLeast(98);
    }

    /** Repeats 0, 1, 2 or 3 with the given relative weights. */
    private static int pickRepeats(RandomDraws draws, int zero, int one, int two, int three) {
        int point = draws.between(1, zero + one + two + three);
        return point <= zero ? 0 : point <= zero + one ? 1 : point <= zero + one + two ? 2 : 3;
    }

    private static boolean isAdultOn(PatientRecord record, LocalDate date) {
        return record.ageOn(date) >= 18;
    }

    private static double historyFraction(PatientRecord record, LocalDate date) {
        double total = ChronoUnit.DAYS.between(record.historyStart(), record.referenceDate());
        double elapsed = ChronoUnit.DAYS.between(record.historyStart(), date);
        return Math.max(0, Math.min(1, elapsed / total));
    }

    private record Dispensing(int quantity, int repeats) {}
}

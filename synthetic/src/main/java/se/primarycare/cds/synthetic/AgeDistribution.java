package se.primarycare.cds.synthetic;

/**
 * Ages 0–95 in five-year bands weighted like Sweden's population pyramid (SCB, roughly 2023, in thousands):
 * small birth cohorts, a bulge at 25–39 and 50–59, and a tail that thins after 80. Listed primary-care
 * populations follow the resident population closely, so the pyramid is good enough for measure strata.
 */
public final class AgeDistribution {

    /** Weight per band; band i covers ages 5i … 5i+4, the last band (90–95) six years. */
    private static final int[] BAND_WEIGHTS = {
        560, 620, 640, 610, 600, 700, 720, 680, 650, 640, 680, 650, 590, 560, 540, 480, 300, 170, 80
    };

    public static final int MAX_AGE = 95;

    private static final WeightedChoice<Integer> BANDS = bands();

    private AgeDistribution() {}

    public static int drawAge(RandomDraws draws) {
        int band = BANDS.pick(draws);
        int lowest = band * 5;
        int highest = band == BAND_WEIGHTS.length - 1 ? MAX_AGE : lowest + 4;
        return draws.between(lowest, highest);
    }

    /** Mean of {@code f(age)} over the distribution, used to calibrate age-dependent rates to a target. */
    public static double mean(java.util.function.IntToDoubleFunction f) {
        double sum = 0;
        double weights = 0;
        for (int band = 0; band < BAND_WEIGHTS.length; band++) {
            int lowest = band * 5;
            int highest = band == BAND_WEIGHTS.length - 1 ? MAX_AGE : lowest + 4;
            for (int age = lowest; age <= highest; age++) {
                double w = BAND_WEIGHTS[band] / (double) (highest - lowest + 1);
                sum += w * f.applyAsDouble(age);
                weights += w;
            }
        }
        return sum / weights;
    }

    private static WeightedChoice<Integer> bands() {
        WeightedChoice<Integer> choice = WeightedChoice.of();
        for (int i = 0; i < BAND_WEIGHTS.length; i++) {
            choice.add(BAND_WEIGHTS[i], i);
        }
        return choice;
    }
}

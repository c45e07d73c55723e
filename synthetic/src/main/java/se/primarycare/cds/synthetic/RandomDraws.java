package se.primarycare.cds.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The only source of randomness in the generator: a {@link SplittableRandom} plus the few draws the clinical
 * model needs. Keeping every draw here makes it easy to see that nothing reads the clock or a shared RNG.
 */
public final class RandomDraws {

    private final SplittableRandom random;

    public RandomDraws(SplittableRandom random) {
        this.random = random;
    }

    /**
     * An independent stream for one sub-task (a patient, its ids). Splitting in a fixed order keeps each
     * patient's story independent of how many draws the previous patient used.
     */
    public RandomDraws split() {
        return new RandomDraws(random.split());
    }

    public SplittableRandom random() {
        return random;
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Uniform integer in [min, max], both inclusive. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** Uniform date in [from, to]; null when the interval is empty (e.g. the patient was not born yet). */
    public LocalDate dateBetween(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(from, to);
        return from.plusDays(random.nextLong(days + 1));
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A version-4-shaped UUID drawn from this stream (never {@link UUID#randomUUID()}, which is not seeded). */
    public UUID uuid() {
        long most = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}

package se.primarycare.cds.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of values with relative weights. A list (not a map) keeps the draw order, and with it the
 * generated data, independent of hash ordering.
 */
public final class WeightedChoice<T> {

    private final List<T> values = new ArrayList<>();
    private final List<Double> cumulative = new ArrayList<>();
    private double total;

    public static <T> WeightedChoice<T> of() {
        return new WeightedChoice<>();
    }

    public WeightedChoice<T> add(double weight, T value) {
        if (weight <= 0) {
            throw new IllegalArgumentException("weight must be positive");
        }
        total += weight;
        values.add(value);
        cumulative.add(total);
        return this;
    }

    public T pick(RandomDraws draws) {
        double point = draws.random().nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            if (point < cumulative.get(i)) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}

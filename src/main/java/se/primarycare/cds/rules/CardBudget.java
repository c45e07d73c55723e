package se.primarycare.cds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alert budget (cds-rules.md v2): per draft order (and per patient on patient-view) at most {@code maxCards}
 * cards, the most severe first and a further one only if it is critical or warning. Every other card's advice is
 * merged into the card it belongs with (its rule's {@code mergeInto}, else the first card shown), so nothing is
 * dropped and each suggestion stays attributed to its rule.
 *
 * @param maxCards cards per draft; 0 or less switches the budget off (every card shown on its own)
 * @param ruleOrder rank of rules of the same severity (unlisted rules after, by id)
 * @param mergeInto per rule, the rules whose card its advice belongs with, in order of preference
 */
public record CardBudget(int maxCards, List<String> ruleOrder, Map<String, List<String>> mergeInto) {

    public CardBudget {
        ruleOrder = List.copyOf(ruleOrder);
        mergeInto = Map.copyOf(mergeInto);
    }

    public static CardBudget off() {
        return new CardBudget(0, List.of(), Map.of());
    }

    public List<CardResult> apply(List<CardResult> cards) {
        if (maxCards <= 0) {
            return cards;
        }
        Map<String, List<CardResult>> byDraft = new LinkedHashMap<>();
        cards.forEach(c -> byDraft.computeIfAbsent(Objects.toString(c.draftId(), ""), k -> new ArrayList<>())
                .add(c));
        List<CardResult> shown = new ArrayList<>();
        byDraft.values().forEach(group -> shown.addAll(budget(group)));
        return shown;
    }

    private List<CardResult> budget(List<CardResult> group) {
        List<CardResult> ranked = new ArrayList<>(group);
        ranked.sort(
                Comparator.comparing((CardResult c) -> c.indicator()).reversed().thenComparing(this::rank));
        List<CardResult> kept = new ArrayList<>();
        List<CardResult> merged = new ArrayList<>();
        for (CardResult card : ranked) {
            boolean fits = kept.isEmpty()
                    || (kept.size() < maxCards && card.indicator().interrupts());
            (fits ? kept : merged).add(card);
        }
        for (CardResult advice : merged) {
            int host = hostOf(advice, kept);
            kept.set(host, kept.get(host).absorb(advice));
        }
        return kept;
    }

    private int hostOf(CardResult advice, List<CardResult> kept) {
        for (String preferred : mergeInto.getOrDefault(advice.ruleId(), List.of())) {
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i).ruleId().equals(preferred)) {
                    return i;
                }
            }
        }
        return 0;
    }

    private String rank(CardResult card) {
        int index = ruleOrder.indexOf(card.ruleId());
        return String.format("%04d %s", index < 0 ? ruleOrder.size() : index, card.ruleId());
    }
}

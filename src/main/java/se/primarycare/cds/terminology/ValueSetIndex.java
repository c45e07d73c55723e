package se.primarycare.cds.terminology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;

/**
 * Membership tests for the project's ValueSets, answered in memory from their {@code compose}: explicit
 * concepts and {@code is-a} filters (placed in the hierarchy by {@link CodeHierarchy}, so unlisted
 * descendants count too). The rule engine asks this on every CDS call, so nothing here touches the database.
 */
public final class ValueSetIndex {

    private final Map<String, ValueSet> byUrlOrId = new HashMap<>();
    private final CodeHierarchy hierarchy;

    public ValueSetIndex(List<ValueSet> valueSets, CodeHierarchy hierarchy) {
        this.hierarchy = hierarchy;
        for (ValueSet valueSet : valueSets) {
            byUrlOrId.put(valueSet.getUrl(), valueSet);
            byUrlOrId.put(valueSet.getIdElement().getIdPart(), valueSet);
        }
        for (ValueSet valueSet : valueSets) {
            checkSupported(valueSet);
        }
    }

    public boolean exists(String urlOrId) {
        return byUrlOrId.containsKey(urlOrId);
    }

    public Optional<ValueSet> valueSet(String urlOrId) {
        return Optional.ofNullable(byUrlOrId.get(urlOrId));
    }

    /** True when the ValueSet (by canonical url or id) contains system|code. */
    public boolean contains(String urlOrId, String system, String code) {
        ValueSet valueSet = byUrlOrId.get(urlOrId);
        if (valueSet == null) {
            throw new IllegalArgumentException("Unknown ValueSet " + urlOrId);
        }
        if (system == null || code == null) {
            return false;
        }
        boolean included = valueSet.getCompose().getInclude().stream().anyMatch(i -> matches(i, system, code));
        boolean excluded = valueSet.getCompose().getExclude().stream().anyMatch(i -> matches(i, system, code));
        return included && !excluded;
    }

    private boolean matches(ConceptSetComponent include, String system, String code) {
        for (var nested : include.getValueSet()) {
            if (!contains(nested.getValue(), system, code)) {
                return false;
            }
        }
        if (include.hasSystem() && !include.getSystem().equals(system)) {
            return false;
        }
        if (include.hasConcept()) {
            return include.getConcept().stream().anyMatch(c -> c.getCode().equals(code));
        }
        if (include.hasFilter()) {
            return include.getFilter().stream().allMatch(f -> hierarchy.isSelfOrBelow(system, code, f.getValue()));
        }
        return include.hasSystem() || include.hasValueSet();
    }

    private static void checkSupported(ValueSet valueSet) {
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            for (ConceptSetFilterComponent filter : include.getFilter()) {
                if (filter.getOp() != FilterOperator.ISA || !"concept".equals(filter.getProperty())) {
                    throw new ProfileLoadException(
                            "ValueSet-" + valueSet.getIdElement().getIdPart() + ".json",
                            "only 'concept is-a' filters are supported, found " + filter.getProperty() + " "
                                    + filter.getOp());
                }
            }
        }
    }
}

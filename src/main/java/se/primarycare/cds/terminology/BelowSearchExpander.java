package se.primarycare.cds.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code code:below=system|code} for the project's CodeSystems from the in-memory hierarchy: the
 * parameter becomes a plain token search for the code and every code below it. HAPI would otherwise walk the
 * hierarchy in the terminology tables with one query per concept on every search (F40-F48: ~65 queries).
 * The result is the same set of codes, since both come from the same {@code fhir-profiles/} files; systems
 * the index does not hold are left to HAPI.
 */
@Interceptor
public class BelowSearchExpander {

    private final TerminologyIndex terminology;

    public BelowSearchExpander(TerminologyIndex terminology) {
        this.terminology = terminology;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void expandBelow(SearchParameterMap searchParameters) {
        for (Map.Entry<String, List<List<IQueryParameterType>>> parameter : searchParameters.entrySet()) {
            for (List<IQueryParameterType> orList : parameter.getValue()) {
                expandOrList(orList);
            }
        }
    }

    private void expandOrList(List<IQueryParameterType> orList) {
        List<IQueryParameterType> expanded = new ArrayList<>(orList.size());
        boolean changed = false;
        for (IQueryParameterType value : orList) {
            List<String> codes = belowCodes(value);
            if (codes.isEmpty()) {
                expanded.add(value);
            } else {
                String system = ((TokenParam) value).getSystem();
                codes.forEach(code -> expanded.add(new TokenParam(system, code)));
                changed = true;
            }
        }
        if (changed) {
            orList.clear();
            orList.addAll(expanded);
        }
    }

    private List<String> belowCodes(IQueryParameterType value) {
        if (value instanceof TokenParam token
                && token.getModifier() == TokenParamModifier.BELOW
                && token.getSystem() != null
                && terminology.hasSystem(token.getSystem())) {
            return terminology.selfAndDescendants(token.getSystem(), token.getValue());
        }
        return List.of();
    }
}

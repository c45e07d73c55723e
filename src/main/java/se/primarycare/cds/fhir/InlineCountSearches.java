package se.primarycare.cds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SummaryEnum;

/**
 * Answers a count-only search ({@code _summary=count}) in the request's own thread with one COUNT query. HAPI
 * otherwise stores a search row, hands the search to its search thread pool and polls for the result: work meant
 * for paging through results, of which a count has none. The dashboards, the worklists' checks and the search
 * recipes count a lot ({@code docs/benchmarks.md}, count searches).
 */
public final class InlineCountSearches {

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void countInline(SearchParameterMap search) {
        if (search.getSummaryMode() == SummaryEnum.COUNT) {
            search.setLoadSynchronous(true);
        }
    }
}

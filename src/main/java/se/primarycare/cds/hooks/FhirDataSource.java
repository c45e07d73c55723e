package se.primarycare.cds.hooks;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Where a CDS call's missing prefetch data is read from: this server's own store, or the EHR's FHIR server. */
public interface FhirDataSource {

    /** Runs a prefetch query ({@code Patient/123} or {@code Condition?patient=123…}); all matches. */
    List<IBaseResource> fetch(String query);

    /** Runs several queries; the answers in the same order. A source may run them at the same time. */
    default List<List<IBaseResource>> fetchAll(List<String> queries) {
        return queries.stream().map(this::fetch).toList();
    }
}

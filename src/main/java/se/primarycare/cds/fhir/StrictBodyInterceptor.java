package se.primarycare.cds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Rejects a request body that HAPI would otherwise parse leniently, silently dropping what it does not
 * understand (an unknown or misspelt element, a malformed date). A clinician's data must not vanish without an
 * error, so such a body gets 400 with the parser's message instead.
 *
 * <p>The server's shared FhirContext stays lenient on purpose: HAPI parses its own bundled conformance
 * resources with it, and some of those carry elements the strict parser refuses.
 */
@Component
@Interceptor
public class StrictBodyInterceptor implements FhirServerInterceptor {

    private static final String PARSED_BODY = StrictBodyInterceptor.class.getName() + ".body";

    /**
     * The request's transaction or batch Bundle as this interceptor parsed it, so the scope check and the audit
     * log do not parse a large bundle again; empty when no body was parsed.
     */
    public static Optional<Bundle> parsedBundle(RequestDetails request) {
        return request.getUserData().get(PARSED_BODY) instanceof Bundle bundle ? Optional.of(bundle) : Optional.empty();
    }

    private final FhirContext fhirContext;

    public StrictBodyInterceptor(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean checkBody(RequestDetails request) {
        RequestTypeEnum method = request.getRequestType();
        if (method != RequestTypeEnum.POST && method != RequestTypeEnum.PUT) {
            return true;
        }
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        if (encoding == null) {
            return true; // not a FHIR body (e.g. form-encoded search); HAPI answers for those itself
        }
        byte[] body = request.loadRequestContents();
        boolean toServerBase = request.getResourceName() == null && request.getOperation() == null;
        if (body == null || body.length == 0) {
            if (toServerBase && method == RequestTypeEnum.POST) {
                throw new InvalidRequestException("A POST to the server base must carry a transaction or batch Bundle");
            }
            return true;
        }
        IParser parser = encoding.newParser(fhirContext).setParserErrorHandler(new StrictErrorHandler());
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw new InvalidRequestException("The request body is not valid FHIR R4: " + e.getMessage());
        } catch (RuntimeException e) {
            // the parser reads nothing but the client's bytes, yet signals some malformed input with an
            // IllegalArgumentException (blank resourceType) or a NullPointerException (an entry whose resource is
            // not a resource): still the client's mistake, so 400, not 500
            throw new InvalidRequestException("The request body is not valid FHIR R4 ("
                    + e.getClass().getSimpleName().replace("Exception", "") + " while parsing)");
        }
        request.getUserData().put(PARSED_BODY, parsed);
        if (toServerBase && method == RequestTypeEnum.POST && !(parsed instanceof Bundle)) {
            // HAPI would hand a missing bundle to its transaction processor and answer 500
            throw new InvalidRequestException("A POST to the server base must carry a transaction or batch Bundle");
        }
        if (parsed instanceof Bundle bundle
                && (bundle.getType() == Bundle.BundleType.TRANSACTION || bundle.getType() == Bundle.BundleType.BATCH)) {
            checkEntries(bundle);
        }
        return true;
    }

    /**
     * What HAPI's transaction processor assumes without checking (and answers with a 500 when it is missing):
     * every entry says what to do and where, and a POST or PUT carries the resource.
     */
    private static void checkEntries(Bundle bundle) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String where = "Bundle.entry[" + i + "]";
            if (entry.getRequest().getMethod() == null || entry.getRequest().getMethod() == Bundle.HTTPVerb.NULL) {
                throw new InvalidRequestException(where + ".request.method is required in a "
                        + bundle.getType().toCode());
            }
            if (entry.getRequest().getUrl() == null
                    || entry.getRequest().getUrl().isBlank()) {
                throw new InvalidRequestException(where + ".request.url is required in a "
                        + bundle.getType().toCode());
            }
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            boolean needsResource = method == Bundle.HTTPVerb.POST || method == Bundle.HTTPVerb.PUT;
            if (needsResource
                    && (entry.getResource() == null
                            || entry.getResource().fhirType().isBlank())) {
                throw new InvalidRequestException(where + ".resource is required for " + method.toCode());
            }
        }
    }
}

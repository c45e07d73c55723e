package se.primarycare.cds.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;
import se.primarycare.cds.fhir.FhirServerInterceptor;

/**
 * States in {@code CapabilityStatement.rest.security} how the FHIR API is protected, so that SMART clients that
 * read {@code /metadata} instead of {@code .well-known/smart-configuration} find the OAuth endpoints too. With
 * security off (dev profile) it says exactly that instead of claiming SMART.
 */
@Component
public class SmartCapabilityStatementInterceptor implements FhirServerInterceptor {

    static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final ApiSecurityProperties properties;

    public SmartCapabilityStatementInterceptor(ApiSecurityProperties properties) {
        this.properties = properties;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describeSecurity(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.setSecurity(properties.enabled() ? smart() : off());
        }
    }

    private CapabilityStatementRestSecurityComponent smart() {
        CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent();
        security.addService(new CodeableConcept(new Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR")));
        Extension oauthUris = new Extension(OAUTH_URIS);
        if (properties.tokenEndpoint() != null) {
            oauthUris.addExtension("token", new UriType(properties.tokenEndpoint()));
        }
        if (properties.authorizeEndpoint() != null) {
            oauthUris.addExtension("authorize", new UriType(properties.authorizeEndpoint()));
        }
        // the extension requires a token endpoint; without one configured, the description alone has to do
        if (oauthUris.hasExtension("token")) {
            security.addExtension(oauthUris);
        }
        security.setDescription("OAuth 2.0 bearer tokens (JWT) issued by " + properties.issuer()
                + ", with SMART on FHIR scopes (system/, user/ *.rs and *.cruds); endpoints and capabilities in "
                + ".well-known/smart-configuration.");
        return security;
    }

    private static CapabilityStatementRestSecurityComponent off() {
        return new CapabilityStatementRestSecurityComponent()
                .setDescription("Security is switched off (primarycare.security.enabled=false, the dev profile): "
                        + "the API accepts requests without a token. Never run like this with real patient data.");
    }
}

package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;

class SmartCapabilityStatementInterceptorTest {

    private static final String ISSUER = "https://idp.example.se";

    @Test
    void withSecurityOnTheStatementNamesSmartAndTheConfiguredOauthEndpoints() {
        CapabilityStatementRestSecurityComponent security = securityOf(
                new ApiSecurityProperties(true, ISSUER, null, null, null, "hsa_id", ISSUER + "/auth", ISSUER + "/tok"));
        assertThat(security.getService()).hasSize(1);
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo(SmartCapabilityStatementInterceptor.SECURITY_SERVICE);
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        Extension oauthUris = security.getExtensionByUrl(SmartCapabilityStatementInterceptor.OAUTH_URIS);
        assertThat(oauthUris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo(ISSUER + "/tok");
        assertThat(oauthUris.getExtensionByUrl("authorize").getValue().primitiveValue())
                .isEqualTo(ISSUER + "/auth");
        assertThat(security.getDescription()).contains(ISSUER);
    }

    @Test
    void withoutAConfiguredTokenEndpointTheOauthUrisExtensionIsLeftOutButSmartIsStillNamed() {
        CapabilityStatementRestSecurityComponent security =
                securityOf(new ApiSecurityProperties(true, ISSUER, null, null, null, "hsa_id", null, null));
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        assertThat(security.getExtensionByUrl(SmartCapabilityStatementInterceptor.OAUTH_URIS))
                .isNull();
    }

    @Test
    void withSecurityOffTheStatementSaysSoAndClaimsNoSecurityService() {
        CapabilityStatementRestSecurityComponent security = securityOf(new ApiSecurityProperties(
                false, ISSUER, null, null, null, "hsa_id", ISSUER + "/auth", ISSUER + "/tok"));
        assertThat(security.getService()).isEmpty();
        assertThat(security.getExtension()).isEmpty();
        assertThat(security.getDescription()).contains("switched off");
    }

    private static CapabilityStatementRestSecurityComponent securityOf(ApiSecurityProperties properties) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        new SmartCapabilityStatementInterceptor(properties).describeSecurity(statement);
        return statement.getRestFirstRep().getSecurity();
    }
}

package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestIdpTokens;

/** Issue 6: 401 without a valid token, 403 when the SMART scopes do not cover the interaction, else allowed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirAccessControlIT {

    /** The resource types of the data contract. */
    static List<String> contractTypes() {
        return List.of(
                "Organization",
                "Patient",
                "Condition",
                "Procedure",
                "MedicationRequest",
                "MedicationStatement",
                "Observation",
                "CarePlan",
                "ServiceRequest");
    }

    @LocalServerPort
    int port;

    FhirHttp admin;
    String unit;
    String patient;

    @BeforeAll
    void setUp() {
        admin = new FhirHttp(port);
        unit = admin.putUnit("vc-access", "Vårdcentralen Åtkomst");
        patient = admin.createId(Fixtures.patient("199001012385", "1990-01-01", unit));
    }

    @ParameterizedTest
    @MethodSource("contractTypes")
    void withoutATokenEveryTypeIs401WithAnOperationOutcome(String type) {
        FhirHttp anonymous = admin.withToken(null);
        for (FhirHttp.Response response : List.of(anonymous.get(type + "/x1"), anonymous.get(type + "?_count=1"))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.outcome().getIssueFirstRep().getSeverity())
                    .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
    }

    @ParameterizedTest
    @MethodSource("contractTypes")
    void readAndSearchScopesOfATypeAllowThatTypeOnly(String type) {
        String other = type.equals("Patient") ? "Condition" : "Patient";
        FhirHttp reader = admin.withToken(TestIdpTokens.forUser("lakare1", "SE2321000065-L1", "user/" + type + ".rs"));
        assertThat(reader.get(type + "/does-not-exist").status()).isEqualTo(404);
        assertThat(reader.get(type + "?_count=1").status()).isEqualTo(200);
        assertThat(reader.get(other + "/does-not-exist").status()).isEqualTo(403);
        assertThat(reader.get(other + "?_count=1").status()).isEqualTo(403);

        FhirHttp readOnly = admin.withToken(TestIdpTokens.withScopes("user/" + type + ".r"));
        assertThat(readOnly.get(type + "/does-not-exist").status()).isEqualTo(404);
        FhirHttp.Response search = readOnly.get(type + "?_count=1");
        assertThat(search.status()).isEqualTo(403);
        assertThat(search.outcome().getIssueFirstRep().getDiagnostics()).contains(type + ".s");
    }

    @Test
    void writingNeedsTheCreateOrUpdateScopeOfTheType() {
        Patient newPatient = Fixtures.patient("198501012382", "1985-01-01", unit);
        FhirHttp reader = admin.withToken(TestIdpTokens.withScopes("user/Patient.rs"));
        int before = admin.count("Patient?organization=Organization/" + unit);
        assertThat(reader.create(newPatient).status()).isEqualTo(403);
        assertThat(admin.count("Patient?organization=Organization/" + unit)).isEqualTo(before);

        FhirHttp writer = admin.withToken(TestIdpTokens.withScopes("user/Patient.c user/MedicationRequest.cru"));
        assertThat(writer.create(newPatient).status()).isEqualTo(201);
        String request = writer.create(Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25))
                .expectOk(org.hl7.fhir.r4.model.MedicationRequest.class)
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
        assertThat(writer.get(request).status()).isEqualTo(200);
        assertThat(writer.delete(request).status()).isEqualTo(403);
        assertThat(writer.get(patient).status()).isEqualTo(403);
    }

    @Test
    void aTransactionIsAllowedOnlyWhenEveryEntryIs() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry()
                .setResource(Fixtures.diagnosis(patient, "F41.1", "2026-01-01"))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Condition");
        bundle.addEntry()
                .setResource(Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("MedicationRequest");
        int conditions = admin.count("Condition?subject=" + patient);

        FhirHttp partial = admin.withToken(TestIdpTokens.withScopes("user/Condition.c"));
        assertThat(partial.transaction(bundle).status()).isEqualTo(403);
        assertThat(admin.count("Condition?subject=" + patient)).isEqualTo(conditions);

        FhirHttp both = admin.withToken(TestIdpTokens.withScopes("user/Condition.c user/MedicationRequest.c"));
        assertThat(both.transaction(bundle).status()).isEqualTo(200);
        assertThat(admin.count("Condition?subject=" + patient)).isEqualTo(conditions + 1);
    }

    @Test
    void operationsNeedReadOnTheirType() {
        String measure = "Measure/an07/$evaluate-measure?periodStart=2025-01-01&periodEnd=2025-12-31";
        assertThat(admin.withToken(TestIdpTokens.withScopes("user/Patient.rs"))
                        .get(measure)
                        .status())
                .isEqualTo(403);
        assertThat(admin.withToken(TestIdpTokens.withScopes("user/Measure.r"))
                        .get(measure)
                        .status())
                .isEqualTo(200);
        assertThat(admin.withToken(TestIdpTokens.withScopes("user/Measure.r"))
                        .get("$export")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void tokensFromElsewhereOrExpiredAre401() {
        String wrongIssuer = TestIdpTokens.withClaims(TestIdpTokens.ALL, c -> c.issuer("https://evil.example"));
        String wrongAudience = TestIdpTokens.withClaims(TestIdpTokens.ALL, c -> c.audience("https://other.example"));
        String expired = TestIdpTokens.withClaims(
                TestIdpTokens.ALL, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600))));
        String tampered = TestIdpTokens.withScopes("user/Patient.r")
                .replaceFirst(
                        "\\.[^.]+\\.",
                        "."
                                + java.util.Base64.getUrlEncoder()
                                        .withoutPadding()
                                        .encodeToString(("{\"iss\":\"" + TestIdpTokens.ISSUER
                                                        + "\",\"scope\":\"system/*.cruds\"}")
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                + ".");
        for (String token : List.of(wrongIssuer, wrongAudience, expired, tampered, "not-a-jwt")) {
            FhirHttp.Response response = admin.withToken(token).get("Patient?_count=1");
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("OperationOutcome").doesNotContain("Exception");
        }
    }

    @Test
    void capabilityStatementSmartConfigurationAndHealthArePublic() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of(
                "/fhir/metadata",
                "/.well-known/smart-configuration",
                "/fhir/.well-known/smart-configuration",
                "/actuator/health",
                "/dashboard/index.html")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> smart = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/.well-known/smart-configuration"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(smart.body())
                .contains("\"issuer\":\"" + TestIdpTokens.ISSUER + "\"")
                .contains("permission-v2")
                .contains("\"code_challenge_methods_supported\":[\"S256\"]")
                .contains("\"token_endpoint\":\"" + TestIdpTokens.ISSUER + "/token\"");
    }

    @Test
    void capabilityStatementDeclaresSmartOnFhirWithTheOauthEndpoints() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        CapabilityStatement statement =
                FhirHttp.FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());
        CapabilityStatement.CapabilityStatementRestSecurityComponent security =
                statement.getRestFirstRep().getSecurity();
        assertThat(security.getService())
                .flatExtracting(CodeableConcept::getCoding)
                .extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://terminology.hl7.org/CodeSystem/restful-security-service|SMART-on-FHIR");
        Extension oauthUris =
                security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(oauthUris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo(TestIdpTokens.ISSUER + "/token");
        assertThat(oauthUris.getExtensionByUrl("authorize").getValue().primitiveValue())
                .isEqualTo(TestIdpTokens.ISSUER + "/authorize");
    }
}

package se.primarycare.cds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartConfigurationControllerTest {

    @Test
    void theSmartConfigurationRequiresPkceWithS256OnlyAndPublishesTheConfiguredEndpoints() {
        Map<String, Object> configuration = new SmartConfigurationController(new ApiSecurityProperties(
                        true, "https://idp.example.se", null, null, null, "hsa_id", "https://a.example.se", null))
                .smartConfiguration();
        assertThat(configuration.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
        assertThat(configuration.get("authorization_endpoint")).isEqualTo("https://a.example.se");
        assertThat(configuration).doesNotContainKey("token_endpoint");
    }
}

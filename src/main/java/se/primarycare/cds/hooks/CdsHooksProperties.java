package se.primarycare.cds.hooks;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the CDS Hooks service.
 *
 * @param ruleLocations folders of rule files; more folders add rules without a Java change
 * @param maxBodySize requests larger than this are refused with 413
 * @param timeZone "today" for the rules is the request's date in this zone (data-contract.md)
 * @param selfBaseUrls FHIR base URLs that mean this server: data is then read from the local store directly
 * @param remoteFetchTimeoutSeconds time allowed for fetching missing prefetch data from the EHR's FHIR server
 * @param corsAllowedOrigins origins of browser-based EHRs allowed to call the service ("*" = any, no credentials)
 */
@ConfigurationProperties("primarycare.cds")
public record CdsHooksProperties(
        @DefaultValue("classpath:cds-services/") List<String> ruleLocations,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("Europe/Stockholm") String timeZone,
        @DefaultValue List<String> selfBaseUrls,
        @DefaultValue("10") int remoteFetchTimeoutSeconds,
        @DefaultValue("*") List<String> corsAllowedOrigins) {}

package se.primarycare.cds.hooks;

import java.util.List;
import java.util.Map;
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
 * @param rateLimit calls per client (the EHR identified by its token, or the address when JWT checking is off)
 * @param localFetchThreads searches of one call run side by side on this many threads when the data comes from
 *     this server's own store
 * @param cardBudget the alert budget: how many cards per draft order, and the rank of rules of one severity
 * @param links the operator's URLs for rule links that allow one, by the link's {@code configKey} (e.g. {@code
 *     patient-leaflet}: the region's patient leaflet on dependence-inducing medicines)
 */
@ConfigurationProperties("primarycare.cds")
public record CdsHooksProperties(
        @DefaultValue("classpath:cds-services/") List<String> ruleLocations,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("Europe/Stockholm") String timeZone,
        @DefaultValue List<String> selfBaseUrls,
        @DefaultValue("10") int remoteFetchTimeoutSeconds,
        @DefaultValue("*") List<String> corsAllowedOrigins,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("4") int localFetchThreads,
        @DefaultValue CardBudget cardBudget,
        @DefaultValue Map<String, String> links) {

    /**
     * The alert budget (cds-rules.md v2): per draft order at most {@code maxCardsPerDraft} cards, the most severe
     * first and a further one only if critical or warning; the rest is merged into the cards shown.
     *
     * @param maxCardsPerDraft 0 switches the budget off (every rule that fires shows its own card)
     * @param ruleOrder the rank of rules of the same severity, first shown first
     */
    public record CardBudget(
            @DefaultValue("2") int maxCardsPerDraft,
            @DefaultValue({
                        "opioid-benzo",
                        "dependence-history",
                        "benzo-anxiety",
                        "starter-pack",
                        "sick-leave-rehab-plan",
                        "long-term-use",
                        "insomnia-nonpharm",
                        "sick-leave-activity",
                        "sick-leave-ending",
                        "far-follow-up",
                        "patient-leaflet"
                    })
                    List<String> ruleOrder) {}

    /**
     * A token bucket per client: {@code burst} calls at once, refilled at {@code perSecond}; beyond that 429.
     *
     * @param enabled on by default
     * @param perSecond sustained calls per second per client (an EHR's whole clinic shares one client)
     * @param burst calls allowed at once after a quiet period
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") double perSecond,
            @DefaultValue("100") int burst) {}
}

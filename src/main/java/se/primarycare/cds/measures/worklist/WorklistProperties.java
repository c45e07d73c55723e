package se.primarycare.cds.measures.worklist;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the worklists.
 *
 * @param epilepsyIcdPrefixes ICD-10-SE codes of epilepsy: clonazepam is then an antiepileptic and never counted as
 *     a benzodiazepine (cds-rules.md v2); G40 as the contract names it
 */
@ConfigurationProperties("primarycare.worklists")
public record WorklistProperties(@DefaultValue("G40") List<String> epilepsyIcdPrefixes) {}

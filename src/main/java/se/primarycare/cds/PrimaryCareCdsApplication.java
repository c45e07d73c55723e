package se.primarycare.cds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Primary Care CDS: HAPI FHIR R4 JPA server, CDS Hooks service and quality indicators. */
@SpringBootApplication(exclude = {QuartzAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class})
@ConfigurationPropertiesScan
public class PrimaryCareCdsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PrimaryCareCdsApplication.class, args);
    }
}

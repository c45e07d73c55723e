package se.primarycare.cds.fhir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import se.primarycare.cds.support.EmbeddedPostgresConfig;

/** The same FHIR server contract on a real PostgreSQL (zonky embedded), the production database. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {se.primarycare.cds.PrimaryCareCdsApplication.class, EmbeddedPostgresConfig.class})
@ActiveProfiles("postgres")
class PostgresFhirServerIT extends FhirServerContract {}

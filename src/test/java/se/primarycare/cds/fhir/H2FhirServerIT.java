package se.primarycare.cds.fhir;

import org.springframework.boot.test.context.SpringBootTest;

/** The FHIR server contract on the embedded default database (H2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2FhirServerIT extends FhirServerContract {}

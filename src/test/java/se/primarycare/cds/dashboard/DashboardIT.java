package se.primarycare.cds.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.primarycare.cds.support.FhirHttp;
import se.primarycare.cds.support.Fixtures;
import se.primarycare.cds.support.TestIdpTokens;

/**
 * The quality team's page in a real headless Chromium (Debian's chromium and chromedriver; {@code .ci/run}
 * installs them): it loads without errors, shows one run chart per indicator with one point per month, and the
 * unit picker changes the data. A screenshot is left in {@code target/dashboard.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @LocalServerPort
    int port;

    ChromeDriver browser;
    String emptyUnit;
    String busyUnit;

    @BeforeAll
    void startBrowserAndData() {
        assertThat(new File(CHROMIUM))
                .as("Debian package chromium (see .ci/run)")
                .exists();
        assertThat(new File(CHROMEDRIVER))
                .as("Debian package chromium-driver (see .ci/run)")
                .exists();
        FhirHttp fhir = new FhirHttp(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        emptyUnit = fhir.putUnit("vc-empty-" + suffix, "Vårdcentralen Tom " + suffix);
        busyUnit = fhir.putUnit("vc-busy-" + suffix, "Vårdcentralen Aktiv " + suffix);
        String patient = fhir.createId(Fixtures.patient("198112189876", "1981-12-18", busyUnit));
        fhir.createId(Fixtures.diagnosis(patient, "F41.1", "2025-03-01"));
        MedicationRequest oxazepam = Fixtures.prescription(patient, "N05BA04", "oxazepam-10mg-tab", 25);
        oxazepam.setAuthoredOnElement(new DateTimeType("2025-04-10"));
        fhir.createId(oxazepam);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,3000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void oneRunChartPerIndicatorWithoutErrorsAndTheUnitPickerChangesTheData() throws Exception {
        int measures = new FhirHttp(port)
                .get("Measure?_summary=count")
                .expectOk(Bundle.class)
                .getTotal();
        // a quality developer's token: reading indicators and units, nothing about single patients
        String token =
                TestIdpTokens.forUser("kvalitet@region.se", "SE2321000065-Q1", "user/Measure.rs user/Organization.rs");
        browser.get("http://localhost:" + port + "/dashboard/index.html?from=2025-01&to=2025-12&unit=" + emptyUnit
                + "#access_token=" + token);
        waitUntilReady(emptyUnit);
        assertThat(browser.findElement(By.id("security-off")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).doesNotContain("access_token");

        List<WebElement> sections = browser.findElements(By.cssSelector("section.indicator"));
        assertThat(sections).hasSize(measures);
        assertThat(sections)
                .allSatisfy(s -> assertThat(s.getAttribute("data-points")).isEqualTo("12"));
        assertThat(browser.findElements(By.cssSelector("section.indicator canvas")))
                .hasSize(measures);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kvalitetsindikatorer");
        String emptyValues = values("an07");

        new Select(browser.findElement(By.id("unit"))).selectByValue(busyUnit);
        waitUntilReady(busyUnit);
        assertThat(values("an07")).isNotEqualTo(emptyValues);
        // April 2025: the busy unit's only anxiety patient got oxazepam that month -> 1.0
        assertThat(values("an07").split(",")[3]).isEqualTo("1");

        assertThat(((JavascriptExecutor) browser).executeScript("return window.dashboardErrors.length"))
                .isEqualTo(0L);
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).as("browser console errors").isEmpty();

        Path screenshot =
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theWorklistPageFiltersByPalHighlightsOpenActionsAndItsCsvMatchesTheTable() {
        FhirHttp fhir = new FhirHttp(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String unit = fhir.putUnit("vc-wl-" + suffix, "Vårdcentralen Lista " + suffix);
        org.hl7.fhir.r4.model.Practitioner doctor = new org.hl7.fhir.r4.model.Practitioner();
        doctor.addIdentifier()
                .setSystem(se.primarycare.cds.fhir.contract.ContractSystems.HSA_ID)
                .setValue("SE2321000065-PW" + suffix);
        doctor.addName().setFamily("Doktor").addGiven("Bo");
        String pal = fhir.createId(doctor).replace("Practitioner/", "");
        // two anxiety patients on oxazepam this year: one with the PAL, one without
        for (String personnummer : List.of("191212121212", "198112189876")) {
            org.hl7.fhir.r4.model.Patient patient = Fixtures.patient(
                    personnummer,
                    personnummer.substring(0, 4) + "-" + personnummer.substring(4, 6) + "-"
                            + personnummer.substring(6, 8),
                    unit);
            if (personnummer.startsWith("1912")) {
                patient.addGeneralPractitioner(new org.hl7.fhir.r4.model.Reference("Practitioner/" + pal));
            }
            String id = fhir.createId(patient);
            fhir.createId(Fixtures.diagnosis(
                    id, "F41.1", java.time.LocalDate.now().minusMonths(2).toString()));
            fhir.createId(Fixtures.prescription(id, "N05BA04", "oxazepam-10mg-tab", 25));
        }
        String token = TestIdpTokens.forUser("lakare-wl", "SE2321000065-L2", "user/Patient.r user/Organization.rs");
        browser.get("http://localhost:" + port + "/dashboard/worklist.html#access_token=" + token);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> "true"
                .equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
        new Select(browser.findElement(By.id("unit"))).selectByValue(unit);
        browser.findElement(By.cssSelector("#controls button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> rows().size() == 2);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Arbetslistor");
        assertThat(browser.findElements(By.cssSelector("#rows tbody tr.open-actions")))
                .as("nothing done yet: both lines have open actions")
                .hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#rows td.missing"))).isNotEmpty();

        List<List<String>> table = rows();
        String csv = (String) ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch('../fhir/' + window.worklistCsvPath(), {headers: {Accept: 'text/csv',"
                        + " Authorization: 'Bearer ' + sessionStorage.getItem('access_token')}})"
                        + ".then(r => r.text()).then(done, e => done('ERROR ' + e));");
        List<List<String>> csvRows = csv.replace("\uFEFF", "")
                .lines()
                .skip(1)
                .map(line -> List.of(line.split(";", -1)))
                .toList();
        Object csvPath = ((JavascriptExecutor) browser).executeScript("return window.worklistCsvPath()");
        assertThat(csvRows)
                .as("the CSV has the table's lines, in its order (" + csvPath + ")")
                .isEqualTo(table);

        new Select(browser.findElement(By.id("pal"))).selectByValue(pal);
        browser.findElement(By.cssSelector("#controls button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> rows().size() == 1);
        assertThat(rows().get(0).get(0)).isEqualTo("191212121212");
        new Select(browser.findElement(By.id("pal"))).selectByValue("none");
        browser.findElement(By.cssSelector("#controls button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(driver -> rows().size() == 1 && rows().get(0).get(0).equals("198112189876"));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.dashboardErrors.length"))
                .isEqualTo(0L);
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe).as("browser console errors").isEmpty();
    }

    /** The table's cells, read in one step (the page may re-render between element look-ups). */
    @SuppressWarnings("unchecked")
    private List<List<String>> rows() {
        return (List<List<String>>) ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#rows tbody tr'))"
                        + ".map(tr => Array.from(tr.cells).map(td => td.textContent));");
    }

    private void waitUntilReady(String unit) {
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(driver -> {
            WebElement charts = driver.findElement(By.id("charts"));
            return "true".equals(charts.getAttribute("data-ready")) && unit.equals(charts.getAttribute("data-unit"));
        });
    }

    private String values(String measure) {
        return browser.findElement(By.cssSelector("section[data-measure='" + measure + "']"))
                .getAttribute("data-values");
    }
}

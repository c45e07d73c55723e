package se.primarycare.cds.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /dashboard}: the quality team's run charts (static page in {@code static/dashboard/}, data from /fhir). */
@Controller
public class DashboardController {

    @GetMapping({"/dashboard", "/dashboard/"})
    public String dashboard() {
        return "redirect:/dashboard/index.html";
    }
}

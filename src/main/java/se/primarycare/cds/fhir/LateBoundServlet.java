package se.primarycare.cds.fhir;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Registers a servlet with the web server without creating it. Spring Boot registers servlets while it creates the
 * web server, before the bean factory caches bean types; HAPI's RestfulServer created then pulls in every DAO and
 * provider with an uncached type look-up per injection point, which was most of the start-up time. Tomcat calls
 * {@link #init} when it starts, after every singleton exists, so the delegate is resolved from a finished context.
 */
final class LateBoundServlet extends GenericServlet {

    private final transient Supplier<? extends Servlet> delegateSupplier;
    private transient volatile Servlet delegate;

    LateBoundServlet(Supplier<? extends Servlet> delegateSupplier) {
        this.delegateSupplier = delegateSupplier;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Servlet servlet = delegateSupplier.get();
        servlet.init(config);
        delegate = servlet;
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        Servlet servlet = delegate;
        if (servlet == null) {
            throw new ServletException("The FHIR servlet is not initialised yet");
        }
        servlet.service(request, response);
    }

    @Override
    public void destroy() {
        Servlet servlet = delegate;
        if (servlet != null) {
            servlet.destroy();
        }
    }
}

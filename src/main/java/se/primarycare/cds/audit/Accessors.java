package se.primarycare.cds.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from the verified bearer token of this request. */
public class Accessors {

    /** The user when no token was checked (security switched off). */
    public static final String ANONYMOUS = "anonymous";

    private final String hsaIdClaim;

    public Accessors(String hsaIdClaim) {
        this.hsaIdClaim = hsaIdClaim;
    }

    public record Accessor(String user, String hsaId) {}

    public Accessor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            String subject = jwt.getSubject() == null ? ANONYMOUS : jwt.getSubject();
            return new Accessor(subject, jwt.getClaimAsString(hsaIdClaim));
        }
        return new Accessor(ANONYMOUS, null);
    }
}

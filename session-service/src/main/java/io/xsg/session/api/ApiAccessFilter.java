package io.xsg.session.api;

import io.xsg.session.config.SessionProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Guards {@code /admin/**} and {@code /internal/**}: a bearer token when {@code gateway.session.api-token} is set,
 * otherwise loopback callers only (the all-in-one default, where edge and session service share a host).
 */
@Component
class ApiAccessFilter extends OncePerRequestFilter {

    private final byte[] token;

    ApiAccessFilter(SessionProperties properties) {
        String configured = properties.apiToken();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Spring MVC matches handlers on the decoded path without ";params": "/%61dmin/accounts" and
        // "/admin;x/accounts" reach /admin/accounts, so judge that path as well as the raw URI
        return !(guarded(request.getRequestURI())
                || guarded(UrlPathHelper.defaultInstance.getPathWithinApplication(request)));
    }

    private static boolean guarded(String path) {
        return path.startsWith("/admin/") || path.startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request)) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                    token == null ? "only loopback callers without gateway.session.api-token" : "bad token");
        }
    }

    private boolean allowed(HttpServletRequest request) {
        if (token == null) {
            try {
                return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).getBytes(StandardCharsets.UTF_8));
    }
}

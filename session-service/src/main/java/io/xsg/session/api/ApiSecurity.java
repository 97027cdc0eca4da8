package io.xsg.session.api;

import io.xsg.session.config.SessionProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Guards {@code /admin/**} and {@code /internal/**} with Spring Security: a bearer token when
 * {@code gateway.session.api-token} is set, otherwise loopback callers only (the all-in-one default, where edge and
 * session service share a host). Spring Security matches the path Spring MVC dispatches on and its firewall refuses
 * the tricks a hand-written guard has to foresee ({@code ;} parameters, encoded slashes and dots, {@code ..}).
 * Everything else the service serves (health, metrics, the console) is not behind it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ApiSecurity {

    @Bean
    SecurityFilterChain apiAccess(HttpSecurity http, SessionProperties properties) throws Exception {
        var access = new ApiAccess(properties.apiToken());
        http.securityMatcher("/admin/**", "/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().access(access))
                // a token or the loopback address, never a browser's cookie: nothing for CSRF to ride on
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, refused) ->
                        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, access.refusal())));
        return http.build();
    }

    /** The rule itself: the configured bearer token (compared in constant time), or else a loopback caller. */
    static final class ApiAccess implements AuthorizationManager<RequestAuthorizationContext> {

        private final byte[] token;

        ApiAccess(String configured) {
            this.token = configured == null || configured.isBlank() ? null
                    : configured.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication,
                                               RequestAuthorizationContext context) {
            return new AuthorizationDecision(allowed(context.getRequest()));
        }

        boolean allowed(HttpServletRequest request) {
            if (token == null) {
                try {
                    return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            String header = request.getHeader("Authorization");
            return header != null && header.startsWith("Bearer ")
                    && MessageDigest.isEqual(token, header.substring(7).getBytes(StandardCharsets.UTF_8));
        }

        String refusal() {
            return token == null ? "only loopback callers without gateway.session.api-token" : "bad token";
        }
    }
}

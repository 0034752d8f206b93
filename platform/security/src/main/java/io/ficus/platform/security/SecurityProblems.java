package io.ficus.platform.security;

import java.io.IOException;
import java.net.URI;

import io.ficus.platform.web.ProblemInstance;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the security layer, as problem+json like every other error of the app: 401 with Spring's RFC 6750
 * {@code WWW-Authenticate: Bearer …} header ({@code error="invalid_token"} and a description for a token that was sent
 * but refused, no error for a request without one), 403 with {@code error="insufficient_scope"}, 400 for a malformed
 * {@code Authorization} header, 503 when the issuer's keys cannot be fetched to check a token, and 400 for a request
 * the firewall refuses.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler,
        RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final JsonMapper jsonMapper;

    SecurityProblems(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        AuthenticationException safe = failure;
        String detail = "Authentication required: send a bearer token (Authorization: Bearer <token>)";
        if (failure instanceof OAuth2AuthenticationException oauth) {
            OAuth2Error error = oauth.getError();
            String description = headerSafe(error.getDescription());
            OAuth2Error cleaned = error instanceof BearerTokenError bearer
                    ? new BearerTokenError(bearer.getErrorCode(), bearer.getHttpStatus(), description, null)
                    : new OAuth2Error(error.getErrorCode(), description, null);
            safe = new OAuth2AuthenticationException(cleaned, failure);
            detail = "The bearer token was refused: " + description;
        }
        bearerEntryPoint.commence(request, response, safe);
        write(request, response, HttpStatus.valueOf(response.getStatus()), detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied);
        write(request, response, HttpStatus.FORBIDDEN, "Your token does not allow this request");
    }

    /** A token that could not be checked is not the caller's fault: 503, not 401; anything else as the entry point. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            log.warn("A bearer token could not be checked: {}", failure.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The token issuer's keys cannot be fetched to check the token; try again later");
            return;
        }
        commence(request, response, failure);
    }

    /**
     * The firewall refused the request before any rule was asked: a path that is not canonical ({@code ;},
     * {@code //}, an encoded {@code /}, {@code \\} or {@code .}, {@code ..}), which path rules could read otherwise
     * than the controllers, or a method it does not know. The reason is logged, not echoed: it quotes the request.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("Request refused by the firewall: {}", rejected.getMessage());
        if (response.isCommitted()) {
            // refused while reading a header or parameter after the answer had begun: nothing more can be said
            return;
        }
        write(request, response, HttpStatus.BAD_REQUEST, "The request was refused: its path is not in canonical form "
                + "(';', '//', encoded '/', '\\' or '.', '..') or its method or a header is not allowed");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(ProblemInstance.of(request)));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

    /** Descriptions quote library messages: keep them to printable ASCII without quotes, and short. */
    static String headerSafe(String description) {
        if (description == null || description.isBlank()) {
            return "The token is invalid";
        }
        String cleaned = description.replaceAll("[^\\x20-\\x7E]", " ").replace('"', '\'').replace('\\', '/').strip();
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}

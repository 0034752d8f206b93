package io.ficus.gateway.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * A small server-rendered web app that knows nothing of the gateway, used only as a test fixture: sessions, a
 * form POST answered by a redirect (Tomcat adds {@code ;jsessionid=…} to a new session's first one), an absolute
 * redirect built from the Host it sees, cookies (one with a Domain), static files with conditional GET, HEAD,
 * OPTIONS, encoded paths and error pages. Plain servlets on embedded Tomcat, as many legacy apps are.
 */
final class ForeignWebApp implements AutoCloseable {

    private final Tomcat tomcat;
    private final Path baseDir;

    private ForeignWebApp(Tomcat tomcat, Path baseDir) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
    }

    static ForeignWebApp start() {
        try {
            Path baseDir = Files.createTempDirectory("foreign-web-app");
            Path docBase = Files.createDirectories(baseDir.resolve("webapp"));
            Files.createDirectories(docBase.resolve("static"));
            Files.writeString(docBase.resolve("static/site.css"), "body { font-family: serif; color: #333; }\n");
            Files.writeString(docBase.resolve("static/caf\u00e9 menu.txt"), "espresso 2.10\nfig tart 4.50\n");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setHostname("127.0.0.1");
            tomcat.getConnector().setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("", docBase.toString());
            Tomcat.addDefaultMimeTypeMappings(context);
            Tomcat.addServlet(context, "default", new DefaultServlet());
            context.addServletMappingDecoded("/", "default");
            Tomcat.addServlet(context, "items", new ItemsServlet());
            context.addServletMappingDecoded("/items", "items");
            context.addServletMappingDecoded("/items/*", "items");
            Tomcat.addServlet(context, "pages", new PagesServlet());
            context.addServletMappingDecoded("/pages/*", "pages");
            tomcat.start();
            return new ForeignWebApp(tomcat, baseDir);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (LifecycleException e) {
            throw new IllegalStateException("foreign web app did not start", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        try (var files = Files.walk(baseDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A list of items kept in the session: a form adds one and redirects to it (post/redirect/get). */
    static final class ItemsServlet extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            List<String> items = items(request.getSession());
            String path = request.getPathInfo();
            if (path == null || path.equals("/")) {
                page(response, "Items", "<form method=\"post\" action=\"" + response.encodeURL("/items")
                        + "\"><input name=\"name\"><button>Add</button></form><p>" + items.size() + " items</p>");
                return;
            }
            int index;
            try {
                index = Integer.parseInt(path.substring(1)) - 1;
            }
            catch (NumberFormatException e) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            if (index < 0 || index >= items.size()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such item");
                return;
            }
            page(response, "Item " + (index + 1), "<h2>" + escape(items.get(index)) + "</h2><a href=\""
                    + response.encodeURL("/items") + "\">back</a>");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.setCharacterEncoding("UTF-8");
            String name = request.getParameter("name");
            if (name == null || name.isBlank()) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "name is required");
                return;
            }
            List<String> items = items(request.getSession());
            items.add(name);
            if ("absolute".equals(request.getParameter("redirect"))) {
                // as apps do that build URLs from the request they see (Host, scheme, port)
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", response.encodeRedirectURL(request.getScheme() + "://"
                        + request.getServerName() + ":" + request.getServerPort() + "/items/" + items.size()));
                return;
            }
            response.sendRedirect(response.encodeRedirectURL("/items/" + items.size()));
        }

        @SuppressWarnings("unchecked")
        private static List<String> items(HttpSession session) {
            Object items = session.getAttribute("items");
            if (items == null) {
                items = new ArrayList<String>();
                session.setAttribute("items", items);
            }
            return (List<String>) items;
        }
    }

    /** Pages that set cookies, fail, or echo what path they were asked for. */
    static final class PagesServlet extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
            switch (path) {
                case "/prefs" -> {
                    Cookie theme = new Cookie("theme", "dark");
                    theme.setPath("/");
                    theme.setMaxAge(3600);
                    theme.setHttpOnly(true);
                    response.addCookie(theme);
                    Cookie site = new Cookie("site", "fig");
                    site.setDomain(request.getServerName());
                    site.setPath("/");
                    response.addCookie(site);
                    page(response, "Preferences", "<p>saved</p>");
                }
                case "/cached" -> {
                    response.setHeader("Cache-Control", "public, max-age=60");
                    response.setHeader("ETag", "\"v1\"");
                    if ("\"v1\"".equals(request.getHeader("If-None-Match"))) {
                        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                        return;
                    }
                    page(response, "Cached", "<p>same for a minute</p>");
                }
                case "/broken" -> throw new IllegalStateException("the page broke");
                default -> page(response, "Page", "<p>requestURI=" + escape(request.getRequestURI())
                        + " pathInfo=" + escape(path) + " query=" + escape(String.valueOf(request.getQueryString()))
                        + "</p>");
            }
        }
    }

    private static void page(HttpServletResponse response, String title, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        byte[] html = ("<!doctype html><html><head><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/site.css\"></head><body><h1>" + title + "</h1>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

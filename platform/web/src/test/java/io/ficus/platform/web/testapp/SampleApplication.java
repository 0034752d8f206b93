package io.ficus.platform.web.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A servlet app with nothing of its own but a controller and an app-specific advice: the edge comes from ficus-web. */
@SpringBootApplication
public class SampleApplication {
}

/**
 * Cross-cutting helpers every feature package may use, internals included: declared open.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.example.rentals.system;

import org.springframework.modulith.ApplicationModule;

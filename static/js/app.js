// Behaviour shared by every page. Loaded as a file: the CSP allows no inline script.
"use strict";

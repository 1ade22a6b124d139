package dev.kiln.ui.log;

import com.vaadin.flow.component.UI;

/** The Log page's style sheet, added to the page once: plain CSS over Lumo's properties, colours for ANSI classes. */
final class LogStyles {
    private static final String CSS = """
            .kl { display: flex; gap: 0.75em; padding: 0 0.5em; font-family: var(--lumo-font-family-monospace,
              ui-monospace, monospace); font-size: 13px; line-height: 20px; white-space: pre-wrap;
              word-break: break-all; }
            .kl:hover { background: var(--lumo-contrast-5pct); }
            .kn { flex: none; min-width: 4.5em; text-align: right; color: var(--lumo-tertiary-text-color);
              text-decoration: none; user-select: none; }
            .kn:hover { text-decoration: underline; }
            .kl.hl { background: var(--lumo-primary-color-10pct); }
            .kl.km { background: rgba(255, 200, 0, 0.18); }
            .kl.kh { font-weight: 600; background: var(--lumo-contrast-5pct); }
            .kp { font: inherit; cursor: pointer; border: none; background: none; padding: 0; color: inherit; }
            .kp .ks-SUCCEEDED { color: var(--lumo-success-text-color); }
            .kp .ks-FAILED, .kp .ks-FAULT, .kp .ks-TIMED_OUT { color: var(--lumo-error-text-color); }
            .ab { font-weight: 700; } .ad { opacity: 0.7; } .ai { font-style: italic; }
            .au { text-decoration: underline; }
            .af30 { color: #3b3b3b; } .af31 { color: #c62828; } .af32 { color: #2e7d32; } .af33 { color: #a66a00; }
            .af34 { color: #1565c0; } .af35 { color: #8e24aa; } .af36 { color: #00838f; } .af37 { color: #757575; }
            .af90 { color: #616161; } .af91 { color: #e53935; } .af92 { color: #43a047; } .af93 { color: #c49000; }
            .af94 { color: #1e88e5; } .af95 { color: #ab47bc; } .af96 { color: #00acc1; } .af97 { color: #9e9e9e; }
            .ag40 { background: #3b3b3b; color: #fff; } .ag41 { background: #ffcdd2; } .ag42 { background: #c8e6c9; }
            .ag43 { background: #fff3c4; } .ag44 { background: #bbdefb; } .ag45 { background: #e1bee7; }
            .ag46 { background: #b2ebf2; } .ag47 { background: #eeeeee; }
            .ag100 { background: #9e9e9e; } .ag101 { background: #ef9a9a; } .ag102 { background: #a5d6a7; }
            .ag103 { background: #ffe082; } .ag104 { background: #90caf9; } .ag105 { background: #ce93d8; }
            .ag106 { background: #80deea; } .ag107 { background: #fafafa; }
            """;

    private LogStyles() {}

    static void addTo(UI ui) {
        ui.getPage()
                .executeJs(
                        "if (!document.getElementById('kiln-log-css')) { const s = document.createElement('style');"
                                + " s.id = 'kiln-log-css'; s.textContent = $0; document.head.appendChild(s); }",
                        CSS);
    }
}

package dev.kiln.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouterLink;

/** The frame of every page: Kiln's name and the links between pages. */
public class MainLayout extends AppLayout {
    public MainLayout() {
        Span name = new Span("Kiln");
        name.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        HorizontalLayout bar = new HorizontalLayout(
                name, new RouterLink("Pipelines", PipelinesView.class), new RouterLink("Agents", AgentsView.class));
        bar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        bar.setSpacing(true);
        bar.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(bar);
    }
}

"""Template tags that show metrics on other apps' pages without those apps importing the reports app.

The plan's priority page loads this library (`{% load metric_tags %}`) and asks for its metrics section
(`{% priority_metrics priority %}`): imports keep pointing reports -> objectives, while the trend, change and
reading are built by the same presenter as the dashboards'.
"""

from django import template

from reports.presenters.priority_metrics import priority_metrics as priority_metrics_presenter

register = template.Library()


@register.inclusion_tag("reports/includes/priority_metrics.html", takes_context=True)
def priority_metrics(context, priority):
    """The section of a priority's page on the workforce metrics it should move."""
    return {
        "priority": priority,
        "workforce_metrics": priority_metrics_presenter(priority),
        "can_manage_portal": context.get("can_manage_portal", False),
    }

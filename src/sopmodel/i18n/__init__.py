"""Fixed labels in English and French, and dates written the local way.

Every exporter takes its words from here, so that a French procedure reads "Étape" and
"24 novembre 2026" in every output. Babel is imported on first use of a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from sopmodel.i18n.typography import typeset

__all__ = [
    "LANGUAGES",
    "Labels",
    "counted",
    "format_date",
    "format_duration",
    "format_number",
    "labels",
    "language_tag",
    "weekday_name",
]

LANGUAGES = ("en", "fr")
"""The languages the labels exist in."""

_EN: dict[str, str] = {
    "start": "Start",
    "end": "End",
    "step": "Step",
    "steps": "Steps",
    "decision": "Decision",
    "yes": "Yes",
    "no": "No",
    "check": "Check",
    "warning": "Warning",
    "duration": "Duration",
    "handoff": "Handoff between roles",
    "no_role": "No role",
    "page": "Page",
    "page_of": "page {page} of {pages}",
    "continued_on": "continued on page {page}, step {step}",
    "continued_from": "from page {page}, step {step}",
    "legend": "Legend",
    "roles": "Roles",
    "objective": "Objective",
    "objectives": "Objectives",
    "scope": "Scope",
    "kpis": "KPIs",
    "baseline": "Baseline",
    "target": "Target",
    "phases": "Phases",
    "activities": "Activities",
    "milestones": "Milestones",
    "retrospective": "Retrospective",
    "meetings": "Meetings",
    "due": "due {date}",
    "more": "+ {count} more",
    "priority": "Priority {priority}",
    "troubleshooting": "Troubleshooting",
    "risks": "Risks",
    "glossary": "Glossary",
    "quality": "Quality",
    "version": "Version",
    "owner": "Owner",
    "responsible": "Responsible",
    "accountable": "Accountable",
    "consulted": "Consulted",
    "informed": "Informed",
    "of": "of",
    "sheet_readme": "Read me",
    "sheet_kpis": "KPIs",
    "sheet_charts": "Charts",
    "sheet_raci": "RACI",
    "sheet_calendar": "Calendar",
    "sheet_actions": "Actions",
    "sheet_checklist": "Checklist",
    "sheet_chart_data": "Chart data",
    # --- Excel workbook (exporters/workbook): the second edition's additions ---
    "sheet_overview": "Overview",
    "sheet_references": "References",
    "conditions_timing": "Conditions and timing",
    "details": "Details",
    "notes_column": "Notes",
    "readme_overview": "The plan’s notes, references, risks and phase goals are in the {sheet} sheet.",
    "full_number": "Ref.",
    "where": "Where",
    "address": "Address",
    "attachment": "Attachment",
    "whole_document": "Whole document",
    "about_procedure": "About this procedure",
    "checklist_readme_title": "How to use this checklist",
    "checklist_readme_lines": "Go through the Checklist sheet step by step: mark Done, the date and any remark for each step.|A step marked “Only if” (tinted row) is done only in the case it names; leave it empty otherwise.|Notes beside a step come most serious first: read them before you start the step. The notes of the whole procedure are at the top of the Checklist.|Links open in the browser; the References sheet lists every link and attachment with its address.|Each week, type the measured value of each KPI in its week’s column of the KPIs sheet (numbers only).",
    # --- end of the Excel workbook block ---
    "latest": "Latest",
    "expected": "Expected",
    "trend": "Trend",
    "phase": "Phase",
    "action": "Action",
    "done": "Done",
    "remarks": "Remarks",
    "number": "No.",
    "status_on_track": "On track",
    "status_at_risk": "At risk",
    "status_off_track": "Off track",
    "status_no_data": "No data",
    "status_no_target": "No target",
    "trend_improving": "Improving",
    "trend_worsening": "Worsening",
    "trend_steady": "Steady",
    "action_open": "Open",
    "action_in_progress": "In progress",
    "action_done": "Done",
    "action_blocked": "Blocked",
    "yes_no": "Yes,No",
    "readme_title": "How to fill this tracker",
    "readme_lines": "Each week, type the measured value of each KPI in its week’s column of the KPIs sheet (numbers only; leave the cell empty when nothing was measured).|Latest, Expected and Status are computed: do not type in them. Expected is where the KPI should be that week on a straight line from the baseline to the target.|Status: On track (at or ahead of the expected value), At risk (behind by less than a tenth of the planned change), Off track (further behind).|Log actions in the Actions sheet; choose the owner and the status from the lists.|Send the filled-in workbook back to the plan’s owner, who reads its values back into the plan.",
    "quiz": "Quiz",
    "quiz_who": "Who performs step {step}, “{title}”?",
    "quiz_who_answer": "Step {step} is done by: {role}",
    "quiz_fix": "What do you do if “{problem}”?",
    "quiz_fix_answer": "{solution}",
    "quiz_next": "What comes after step {step}, “{title}”?",
    "quiz_next_answer": "Step {step} always comes next: {title}",
    # quiz (issue 11): checks, hazards, risks, decisions, the cause of a problem
    "quiz_check": "Before you go on from step {step}, “{title}”, what must be true?",
    "quiz_check_answer": "Check before going on from step {step}: {check}",
    "quiz_hazard": "Which warning applies to step {step}, “{title}”?",
    "quiz_hazard_answer": "{signal}, step {step}: {text}",
    "quiz_hazard_where": "At which step does this warning apply: “{text}”?",
    "quiz_step_option": "Step {step}: {title}",
    "quiz_risk": "How do you avoid the risk “{risk}”?",
    "quiz_risk_answer": "To avoid “{risk}”: {mitigation}",
    "quiz_risk_where": "At which step does the risk “{risk}” arise?",
    "quiz_decision": "At step {step}, “{title}”, what do you do if the answer is “{answer}”?",
    "quiz_decision_case": "At step {step}, “{title}”, what do you do if “{answer}”?",
    "quiz_decision_option": "Go to step {step}: {title}",
    "quiz_decision_answer": "If “{answer}”: go to step {target}, “{title}”",
    "quiz_fix_cause": "Usual cause: {cause}",
    "question": "Question {number}",
    "answer": "Answer",
    "why_it_matters": "Why it matters",
    "who_is_involved": "Who is involved",
    "safety_first": "Safety first",
    "recap": "Recap",
    "continued": "continued",
    "session_length": "Estimated session: {minutes} minutes ({slides} slides)",
    "session_shorter": "; -O minutes={minutes} shortens it",
    # slides content (issue 11): safety first, grouped steps, short sessions, kick-off
    "hazards": "Hazards",
    "steps_with_warnings": "Steps with a warning",
    "the_steps": "The steps",
    "steps_range": "Steps {first} to {last}",
    "steps_two": "Steps {first} and {last}",
    "step_of": "Step {step}",
    "session_unreachable": (
        "a {asked}-minute session is out of reach: the shortest deck takes {needed} minutes,"
        " because {steps} of the {total} steps carry a safety message, a picture or sub-steps"
        " and keep a slide of their own; quiz questions kept: {questions}"
    ),
    "indicators": "Indicators",
    "activities_of": "{phase}: activities",
    "other_milestones": "Other milestones",
    "procedures_used": "Procedures",
    "questions_count": "{count} questions",
    "calendar": "The 90-day calendar",
    "who_owns_what": "Who owns what",
    "meeting_rhythm": "Meeting rhythm",
    "kickoff": "Kick-off",
    "due_date": "Due",
    "labelled": "{label}: {text}",
    "document_id": "Document",
    "status": "Status",
    "effective": "Effective date",
    "review_due": "Next review",
    "last_reviewed": "Last reviewed",
    "approved_by": "Approved by",
    "role": "Role",
    "responsibilities": "Responsibilities",
    "requirements": "What you need",
    "term": "Term",
    "definition": "Definition",
    "who": "Who",
    "if_then": "If {when}, go to step {step}",
    "then_go": "Then go to step {step}",
    "end_of_procedure": "End of the procedure",
    "flowchart": "Flowchart",
    "criteria": "Quality criteria",
    "kpi": "KPI",
    "unit": "Unit",
    "direction": "Direction",
    "frequency": "Frequency",
    "risk": "Risk",
    "severity": "Severity",
    "mitigation": "Mitigation",
    "problem": "Problem",
    "cause": "Cause",
    "solution": "Solution",
    "revisions": "Revision history",
    "date": "Date",
    "author": "Author",
    "changes": "Changes",
    "signoff": "Sign-off",
    "name": "Name",
    "signature": "Signature",
    "figure": "Figure",
    # issue 12, credit: a neutral printing date, only with `-O printed=true`
    "printed_on": "Printed on {date}",
    "week_number": "Week {n}",
    "organization": "Organization",
    "period": "Period",
    "horizon": "{start} to {end} ({days} days)",
    "goal": "Goal",
    "activity": "Activity",
    "responsibility_sheet": "Responsibility sheet: {role}",
    "holder": "Held by",
    "owns": "Accountable for",
    "does": "Responsible for",
    "consulted_on": "Consulted on",
    "informed_of": "Informed of",
    "nothing": "Nothing in this plan",
    "cadence": "Cadence",
    "weekday": "Day",
    "participants": "Participants",
    "linked_procedures": "Linked procedures",
    "kind": "Kind",
    "status_draft": "Draft",
    "status_in_review": "In review",
    "status_approved": "Approved",
    "status_retired": "Retired",
    "severity_low": "Low",
    "severity_medium": "Medium",
    "severity_high": "High",
    "severity_critical": "Critical",
    "direction_increase": "Higher is better",
    "direction_decrease": "Lower is better",
    "direction_maintain": "Keep steady",
    "frequency_daily": "Daily",
    "frequency_weekly": "Weekly",
    "frequency_biweekly": "Every two weeks",
    "frequency_monthly": "Monthly",
    "frequency_quarterly": "Quarterly",
    "requirement_software": "Software",
    "requirement_tool": "Tool",
    "requirement_material": "Material",
    "requirement_document": "Document",
    "requirement_access": "Access",
    "requirement_ppe": "Protective equipment",
    "activity_planned": "Planned",
    "activity_in_progress": "In progress",
    "activity_done": "Done",
    "activity_blocked": "Blocked",
    "activity_cancelled": "Cancelled",
    "note_danger": "DANGER",
    "note_warning": "WARNING",
    "note_caution": "CAUTION",
    "note_notice": "NOTICE",
    "note_info": "NOTE",
    "notes": "Notes",
    "links": "References",
    "attachments": "Forms and attachments",
    "only_if": "Only if: {condition}",
    "within": "Within {time} of the start",
    "repeat": "Repeat {text}",
    "roles_together": "{lead} with {others}",
    "procedure_link": "procedure {id}",
    "category": "Category",
    "category_general": "General",
    "category_instructional": "Instructional",
    "category_administrative": "Administrative",
    "approved_version": "version {version}",
    "trials": "Trials",
    "tester": "Tester",
    "outcome": "Outcome",
    "outcome_passed": "Passed",
    "outcome_changes-needed": "Changes needed",
    "outcome_failed": "Failed",
    "confusing_steps": "Confusing steps",
    "goals": "Goals",
    "unit_s": "s",
    "unit_min": "min",
    "unit_h": "h",
    "unit_d": "d",
    "milestone_milestone": "Milestone",
    "milestone_review": "Review",
    "milestone_retrospective": "Retrospective",
    # --- flowchart exporter (issue 10): legend of the chart ---
    "chart_conditional": "Conditional step",
    "chart_repeated": "Repeated",
    # --- deck's flowchart (issue 11, chart): overview and sections of steps ---
    "chart_overview": "Flowchart: overview",
    "chart_steps": "Flowchart: steps {first} to {last}",
    "chart_two_steps": "Flowchart: steps {first} and {last}",
    "chart_step": "Flowchart: step {step}",
    "chart_to_step": "to step {step}",
    "chart_from_step": "from step {step}",
    "chart_from_steps": "from steps {step}",
    # --- end of the flowchart exporter's labels ---
    # --- procedure workbook (issue 12, checklist): the read-me and the checklist form ---
    "form_operator": "Operator",
    "form_verified_by": "Verified by",
    "branch_only": "Only if “{when}” at step {step}",
    "done_error_title": "Choose from the list",
    "done_error": "Choose ✓ (done), — (not applicable) or ☐ (not done yet).",
    "answer_error": "Choose the answer given: {answers}, or — if the question was not asked.",
    "done_prompt": "✓ done · — not applicable",
    "workbook_what_title": "What this workbook is",
    "workbook_what": (
        "This workbook goes with the procedure {id} “{title}”, version {version}. It has "
        "these sheets:"
    ),
    "workbook_sheet_checklist": (
        "{sheet}: every step of the procedure, to print and fill in by hand or to fill in "
        "on screen."
    ),
    "workbook_sheet_references": (
        "{sheet}: every link and attachment of the procedure, with its address."
    ),
    "workbook_sheet_kpis": (
        "{sheet}: the procedure’s indicators, one column per week, with their charts."
    ),
    "workbook_use_title": "How to use the checklist",
    "workbook_use_lines": (
        "Print the {checklist} sheet (A4 landscape, its column headings on every page) "
        "and fill it in by hand, or fill it in on screen.|At the top, write the "
        "operator’s name and the date, and sign; the person who checks the work fills in "
        "“{verified}” and signs too.|Tick the {done} box of each step as you finish it: ✓ "
        "done, — not applicable. On screen, choose from the cell’s list.|A question lists "
        "its answers beside it: tick the answer that applies and go on at the step it "
        "names. A step marked “Only if” (tinted) is done only in that case; otherwise "
        "mark it —.|Read the warnings beside a step before you start it: they come most "
        "serious first. Those of the whole procedure are at the top of the sheet.|Write "
        "anything unusual, or why a step was not done, in {remarks}."
    ),
    "workbook_kpis_title": "What the {sheet} sheet is for",
    "workbook_kpis": (
        "It follows how well the procedure works over time: each week, type the measured "
        "value of each indicator in that week’s column (numbers only; leave it empty when "
        "nothing was measured). The charts follow the values."
    ),
    "workbook_no_kpis": (
        "This procedure sets no indicator yet, so the sheet has no row to fill in."
    ),
    "workbook_send_title": "When it is filled in",
    "workbook_send_owner": (
        "Send the filled-in workbook, or a scan of the signed paper, to the owner of this "
        "procedure: {owner}."
    ),
    "workbook_send_anyone": (
        "Send the filled-in workbook, or a scan of the signed paper, to the person who "
        "gave it to you."
    ),
    # --- end of the procedure workbook's labels ---
    # --- plan document (issue 12, plan-document): title block, timeline, KPI status, RACI ---
    "approval": "Approval",
    "approval_by": "{who}, signing under “{section}” below",
    "latest_measurements": "Latest measurements",
    "week_of": "week of {date}",
    "expected_value": "expected {value}",
    "timeline": "Plan timeline",
    "raci_legend": "R = Responsible · A = Accountable · C = Consulted · I = Informed",
    "raci_matrix": "Who does what",
    "signoff_lead": "The plan’s owner approves it; each role signs for its commitments.",
    # --- end of the plan document's labels ---
    # --- workbooks (issue 12, tracker): weeks, print frame, drop-down errors, tracker read-me ---
    "week_short": "W{n:02d}",
    "week_header_date": "d MMM",
    "page_n_of_m": "Page {page} of {pages}",
    "measured": "Measured",
    "list_error_title": "Choose from the list",
    "list_error": "Choose a value from the drop-down list of this column.",
    "number_error_title": "A number only",
    "number_error": "Type the measured value as a number (81 or 81.5), without its unit, or leave the cell empty when nothing was measured.",
    "date_error_title": "A date only",
    "date_error": "Type a date, for example 18/01/2027.",
    "tracker_sheets": "What each sheet is for",
    "tracker_sheet_kpis": "{sheet}: one row per KPI. Each week, type the measured value in the week’s column ({week} is the week starting on {monday}).",
    "tracker_sheet_charts": "{sheet}: each KPI against its target, week by week; they follow the values you type.",
    "tracker_sheet_raci": "{sheet}: for each activity, who does it (R), who decides and answers for it (A), who is consulted (C) and who is informed (I).",
    "tracker_sheet_calendar": "{sheet}: the phases as coloured bars, each activity (■) in the week it is due, the milestones (◆).",
    "tracker_sheet_actions": "{sheet}: the action log; choose the owner and the status from the lists.",
    "tracker_sheet_overview": "{sheet}: the plan’s notes, references, risks and the goals of each phase.",
    "tracker_weeks": "How to fill in the weeks",
    "tracker_weeks_lines": "Type numbers only (81 or 81.5), without the unit; anything else is refused.|Leave a week empty when nothing was measured: the chart shows a gap, not a zero. Do not type 0 for a missing measurement.|{latest}, {expected} and {status} are computed: do not type in them. {expected} is where the KPI should be that week, on a straight line from the baseline to the target.|The columns after the weeks give each KPI’s owner, unit, direction, baseline and target.",
    "tracker_colours": "What the colours mean",
    "tracker_colour_input": "Cells to fill in: one per KPI and week.",
    "tracker_colour_on_track": "{status}: at the expected value or better.",
    "tracker_colour_at_risk": "{status}: behind by less than a tenth of the planned change.",
    "tracker_colour_off_track": "{status}: further behind.",
    "tracker_send_back": "When it is filled in",
    "tracker_send_to": "Send the workbook back to {who}, who owns the plan and reads its values back into it.",
    "tracker_send_to_owner": "Send the workbook back to the plan’s owner, who reads its values back into the plan.",
    # --- end of the tracker's labels ---
    # --- end of the flowchart exporter's labels ---    # --- Word procedure (issue 12, word-procedure): the safety block on page 1 ---
    "safety": "Safety",
    # issue 12, plan document: the comments written on measurements
    "measurement_notes": "Comments on the measurements",
    # issue 13 — refresher: the deck and the change notice of a new version
    "refresher": "What changed",
    "refresher_versions": "Version {old} → {new}",
    "refresher_why": "Why it changed",
    "refresher_no_why": "The revision entry of version {version} does not say why.",
    "refresher_changed": "Steps changed",
    "refresher_added": "Steps added",
    "refresher_removed": "Steps removed",
    "refresher_other": "Other changes",
    "refresher_reread": "Who must re-read",
    "refresher_was": "Before",
    "refresher_now": "Now",
    "refresher_new": "New",
    "refresher_gone": "Removed",
    "refresher_new_step": "New step {step}",
    "refresher_removed_step": "Step {step} of version {version}",
    "change_title": "Wording",
    "change_role": "Who",
    "change_condition": "Only if",
    "change_duration": "Duration",
    "change_within": "Time limit",
    "change_repeat": "Repeat",
    "change_check": "Check",
    "change_details": "Details",
    "change_note": "Note",
    "change_decision": "Where it leads",
    "change_flow": "Then",
    "change_case": "If “{case}”",
    "change_links": "References",
    "change_attachments": "Forms and attachments",
    "change_image": "Picture",
    "change_substep_of": "Sub-step {step}",
    "change_order": "Place",
    "change_kind_added": "Added",
    "change_kind_removed": "Removed",
    "change_notice": "Change notice",
    "change_procedure": "Procedure",
    "change_date": "Date of the change",
    "change_what": "What changed",
    "change_column_step": "Step",
    "change_column_change": "Change",
    "change_acknowledge": "Acknowledgement",
    "change_acknowledge_lead": "I have read the changes above and apply version {version} from today.",
    "change_reread_none": "No role is named by the changed steps: circulate the notice to everyone who follows the procedure.",
    # issue 13 — changes: the Markdown report of `sopmodel diff` (a pull-request comment)
    "diff_version": "version {version}",
    "diff_why": "Why",
    "diff_revision": "revision {version}",
    "diff_no_change": "No change to what a reader follows.",
    "diff_summary_steps": "steps changed: {count}",
    "diff_summary_renumbered": "only renumbered: {count}",
    "diff_summary_items": "document changes: {count}",
    "diff_col_step": "Step",
    "diff_col_title": "Title",
    "diff_col_what": "What changed",
    "diff_col_details": "Details",
    "diff_col_roles": "Roles",
    "diff_col_section": "Section",
    "diff_col_item": "Item",
    "diff_was": "{number} (was {old})",
    "diff_gone": "{old} (removed)",
    "diff_renumbered_only": "Renumbered only",
    "diff_roles_concerned": "Roles concerned",
    "diff_none": "none",
    "diff_field_added": "added",
    "diff_field_removed": "removed",
    "diff_kind_added": "added",
    "diff_kind_removed": "removed",
    "diff_kind_moved": "moved",
    "diff_kind_renumbered": "renumbered",
    "diff_kind_reworded": "reworded",
    "diff_kind_reassigned": "reassigned",
    "diff_kind_check-added": "check added",
    "diff_kind_check-removed": "check removed",
    "diff_kind_note-added": "note added",
    "diff_kind_note-removed": "note removed",
    "diff_kind_rerouted": "rerouted",
    "diff_kind_edited": "edited",
    "diff_item_added": "added",
    "diff_item_removed": "removed",
    "diff_item_changed": "changed",
    "diff_item_retargeted": "retargeted",
    # issue 13 — records: `sopmodel status PROCEDURE --records FILE`
    "records_heading": "{id} · {title} · version {version} ({status})",
    "records_current": "Current",
    "records_must_reread": "Must re-read",
    "records_unknown": "Cannot tell",
    "records_never_read": "Never read",
    "records_read": "{activity} {version} on {date}",
    "records_activity_read": "read",
    "records_activity_trained": "trained on",
    "records_activity_performed": "performed",
    "records_activity_verified": "verified",
    "records_unchanged": "the steps of their roles did not change since",
    "records_changed": "changed since: {steps}",
    "records_cannot_tell": "cannot tell what changed since: {reason}",
    "records_nobody": "Nobody in the records holds a role of this procedure.",
    "records_trials": "Trials",
    "records_no_trials": "No trial recorded.",
    "records_trial": "{date} · {tester} · version {version} · {outcome}",
    "records_step_open": "step {step} found confusing: not changed since",
    "records_step_changed": "step {step} found confusing: changed since",
    "records_step_unknown": "step {step} found confusing: cannot tell whether it changed ({reason})",
    "records_outcome_passed": "passed",
    "records_outcome_changes-needed": "changes needed",
    "records_outcome_failed": "failed",
    # issue 14, part A: Markdown
    "md_keywords": "Keywords",
    "md_priority": "Priority",
    "md_meeting": "Meeting",
    "md_period_dates": "{start} to {end}",
    "md_measurements": "Measurements",
    "md_value": "Value",
    "md_procedure": "Procedure",
    # issue 14, part B: handbook
    "site_title": "Procedures handbook",
    "site_skip": "Skip to content",
    "site_home": "Home",
    "site_search": "Search",
    "site_search_label": "Search the procedures",
    "site_search_hint": "Type a word: a step, a role, a check…",
    "site_search_none": "No step or document matches.",
    "site_search_count": "{count} results",
    "site_search_needs_script": "Search needs JavaScript; the index below lists every page.",
    "site_procedures": "Procedures",
    "site_plans": "Plans",
    "site_by_category": "By category",
    "site_by_role": "By role",
    "site_by_status": "By status",
    "site_no_category": "Without a category: every procedure has one (general by default)",
    "site_what_i_do": "What I do",
    "site_role_in": "In {document}: {name}",
    "site_steps_of_role": "My steps",
    "site_no_steps": "No step of its own (named in the document's roles).",
    "site_on_this_page": "On this page",
    "site_contents": "Contents",
    "site_title_block": "Document",
    "site_checklist": "Follow as a checklist",
    "site_quiz": "Training quiz",
    "site_goes_to": "Go to step {number}",
    "site_not_in_site": "{id} (not in this handbook)",
    "site_generated": "Built by sopmodel {version} on {date}.",
    "site_findings": "Validation findings",
    "site_no_findings": "No finding.",
    "site_load_error": "This file does not load",
    "site_figure": "Picture of step {number}",
    "site_flowchart_title": "Flowchart of {title}: each box links to its step",
    "site_print": "Print",
    "site_top": "Back to top",
    "site_document_count": "{count} documents",
    "site_step_count": "{count} steps",
    "site_roles_count": "{count} roles",
    "site_language": "Language",
    "site_page_of": "Steps of {title}",
    # issue 14, part C: checklist and quiz
    "site_back_to_procedure": "Back to the procedure",
    "site_checklist_title": "Checklist: {title}",
    "site_checklist_intro": "Tick each step and each check as you do it. Your ticks stay in this browser, for this version of the procedure, until you reset them.",
    "site_checklist_progress": "{done} of {total} ticked",
    "site_checklist_print": "Print the result",
    "site_checklist_reset": "Reset",
    "site_checklist_reset_confirm": "Clear every tick and answer of this checklist?",
    "site_checklist_answer": "{when} (go to step {step})",
    "site_checklist_result": "Result",
    "site_checklist_started": "Started {when}.",
    "site_checklist_printed": "Printed {when}.",
    "site_checklist_operator": "Operator’s name",
    "site_checklist_when": "Date and time",
    "site_checklist_more": "Picture or attachment of step {step}: see the procedure",
    "site_quiz_title": "Quiz: {title}",
    "site_quiz_intro": "Choose one answer to each question, then check your answers.",
    "site_quiz_check": "Check my answers",
    "site_quiz_retry": "Try again",
    "site_quiz_right": "✔ Right",
    "site_quiz_wrong": "✘ Wrong",
    "site_quiz_unanswered": "✘ Not answered",
    "site_quiz_right_answer": "The right answer: {answer}",
    "site_quiz_score": "Score: {score} of {total}",
    "site_quiz_see_step": "See step {step} in the procedure",
    "site_quiz_show_answer": "Show the answer",
    # handbook: training (records and trials)
    "site_training": "Training and trials",
    "site_person": "Person",
    "site_standing": "Standing",
    "site_last_reading": "Last reading",
    "site_since_then": "Since then",
    # training: why what changed since a reading cannot be told
    "records_reason_no_fingerprints": "no step fingerprints were recorded with that reading",
    "records_reason_no_history": "no history to look in",
    "records_reason_history_failed": (
        "version {version} cannot be looked for in the history of {file}: {problem}"
    ),
    "records_reason_version_not_found": "version {version} not found in the history of {file}",
    # handbook search excerpts
    "site_search_one": "1 result",
    "site_search_first": "The first {count} results: add a word to narrow the search.",
}

_FR: dict[str, str] = {
    "start": "Début",
    "end": "Fin",
    "step": "Étape",
    "steps": "Étapes",
    "decision": "Décision",
    "yes": "Oui",
    "no": "Non",
    "check": "Contrôle",
    "warning": "Attention",
    "duration": "Durée",
    "handoff": "Passage de relais entre rôles",
    "no_role": "Sans rôle",
    "page": "Page",
    "page_of": "page {page} sur {pages}",
    "continued_on": "suite page {page}, étape {step}",
    "continued_from": "depuis la page {page}, étape {step}",
    "legend": "Légende",
    "roles": "Rôles",
    "objective": "Objectif",
    "objectives": "Objectifs",
    "scope": "Périmètre",
    "kpis": "Indicateurs",
    "baseline": "Situation de départ",
    "target": "Cible",
    "phases": "Phases",
    "activities": "Activités",
    "milestones": "Jalons",
    "retrospective": "Bilan",
    "meetings": "Réunions",
    "due": "échéance {date}",
    "more": "+ {count} autres",
    "priority": "Priorité {priority}",
    "troubleshooting": "Dépannage",
    "risks": "Risques",
    "glossary": "Glossaire",
    "quality": "Qualité",
    "version": "Version",
    "owner": "Responsable",
    "responsible": "Réalise",
    "accountable": "Rend compte",
    "consulted": "Consulté",
    "informed": "Informé",
    "of": "sur",
    "sheet_readme": "Lisez-moi",
    "sheet_kpis": "Indicateurs",
    "sheet_charts": "Graphiques",
    "sheet_raci": "RACI",
    "sheet_calendar": "Calendrier",
    "sheet_actions": "Actions",
    "sheet_checklist": "Check-list",
    "sheet_chart_data": "Données graphiques",
    # --- Excel workbook (exporters/workbook): the second edition's additions ---
    "sheet_overview": "Synthèse",
    "sheet_references": "Références",
    "conditions_timing": "Conditions et délais",
    "details": "Détails",
    "notes_column": "Consignes",
    "readme_overview": "Les remarques, références, risques et objectifs de phase du plan sont dans la feuille {sheet}.",
    "full_number": "Réf.",
    "where": "Où",
    "address": "Adresse",
    "attachment": "Pièce jointe",
    "whole_document": "Tout le document",
    "about_procedure": "À propos de cette procédure",
    "checklist_readme_title": "Comment utiliser cette check-list",
    "checklist_readme_lines": "Suivez la feuille Check-list étape par étape : pour chaque étape, indiquez Fait, la date et vos remarques.|Une étape marquée « Uniquement si » (ligne teintée) ne se fait que dans le cas qu’elle indique ; sinon, laissez-la vide.|Les remarques à côté d’une étape viennent de la plus grave à la moins grave : lisez-les avant de commencer l’étape. Celles de toute la procédure sont en haut de la Check-list.|Les liens s’ouvrent dans le navigateur ; la feuille Références donne chaque lien et chaque pièce jointe avec son adresse.|Chaque semaine, saisissez la valeur mesurée de chaque indicateur dans la colonne de la semaine de la feuille Indicateurs (des nombres seulement).",
    # --- end of the Excel workbook block ---
    "latest": "Dernière valeur",
    "expected": "Attendu",
    "trend": "Tendance",
    "phase": "Phase",
    "action": "Action",
    "done": "Fait",
    "remarks": "Remarques",
    "number": "N°",
    "status_on_track": "En bonne voie",
    "status_at_risk": "À surveiller",
    "status_off_track": "En retard",
    "status_no_data": "Pas de mesure",
    "status_no_target": "Pas de cible",
    "trend_improving": "En progrès",
    "trend_worsening": "En recul",
    "trend_steady": "Stable",
    "action_open": "Ouverte",
    "action_in_progress": "En cours",
    "action_done": "Faite",
    "action_blocked": "Bloquée",
    "yes_no": "Oui,Non",
    "readme_title": "Comment remplir ce suivi",
    "readme_lines": "Chaque semaine, saisissez la valeur mesurée de chaque indicateur dans la colonne de la semaine de la feuille Indicateurs (des nombres seulement ; laissez vide si rien n’a été mesuré).|Dernière valeur, Attendu et Statut sont calculés : n’y saisissez rien. Attendu est la valeur visée cette semaine-là, sur une ligne droite de la situation de départ à la cible.|Statut : En bonne voie (à la valeur attendue ou mieux), À surveiller (en retard de moins d’un dixième du progrès prévu), En retard (au-delà).|Notez les actions dans la feuille Actions ; choisissez le responsable et le statut dans les listes.|Renvoyez le classeur rempli au responsable du plan, qui en reporte les valeurs dans le plan.",
    "quiz": "Quiz",
    "quiz_who": "Qui réalise l’étape {step}, « {title} » ?",
    "quiz_who_answer": "L’étape {step} est réalisée par : {role}",
    "quiz_fix": "Que faites-vous si « {problem} » ?",
    "quiz_fix_answer": "{solution}",
    "quiz_next": "Quelle étape suit l’étape {step}, « {title} » ?",
    "quiz_next_answer": "L’étape {step} vient toujours ensuite : {title}",
    # quiz (issue 11): checks, hazards, risks, decisions, the cause of a problem
    "quiz_check": "Avant de quitter l’étape {step}, « {title} », que devez-vous vérifier ?",
    "quiz_check_answer": "À vérifier avant de quitter l’étape {step} : {check}",
    "quiz_hazard": "Quelle mise en garde s’applique à l’étape {step}, « {title} » ?",
    "quiz_hazard_answer": "{signal}, étape {step} : {text}",
    "quiz_hazard_where": "À quelle étape s’applique cette mise en garde : « {text} » ?",
    "quiz_step_option": "Étape {step} : {title}",
    "quiz_risk": "Comment évitez-vous le risque « {risk} » ?",
    "quiz_risk_answer": "Pour éviter « {risk} » : {mitigation}",
    "quiz_risk_where": "À quelle étape le risque « {risk} » se présente-t-il ?",
    "quiz_decision": "À l’étape {step}, « {title} », que faites-vous si la réponse est « {answer} » ?",
    "quiz_decision_case": "À l’étape {step}, « {title} », que faites-vous si « {answer} » ?",
    "quiz_decision_option": "Passez à l’étape {step} : {title}",
    "quiz_decision_answer": "Si « {answer} » : passez à l’étape {target}, « {title} »",
    "quiz_fix_cause": "Cause habituelle : {cause}",
    "question": "Question {number}",
    "answer": "Réponse",
    "why_it_matters": "Pourquoi c’est important",
    "who_is_involved": "Qui est concerné",
    "safety_first": "La sécurité d’abord",
    "recap": "À retenir",
    "continued": "suite",
    "session_length": "Durée estimée de la séance : {minutes} minutes ({slides} diapositives)",
    "session_shorter": " ; -O minutes={minutes} la raccourcit",
    # slides content (issue 11): safety first, grouped steps, short sessions, kick-off
    "hazards": "Dangers",
    "steps_with_warnings": "Étapes avec une mise en garde",
    "the_steps": "Les étapes",
    "steps_range": "Étapes {first} à {last}",
    "steps_two": "Étapes {first} et {last}",
    "step_of": "Étape {step}",
    "session_unreachable": (
        "une séance de {asked} minutes est hors de portée : le support le plus court dure"
        " {needed} minutes, car {steps} des {total} étapes portent une consigne de sécurité,"
        " une image ou des sous-étapes et gardent leur diapositive ; questions"
        " de quiz gardées : {questions}"
    ),
    "indicators": "Indicateurs",
    "activities_of": "{phase} : activités",
    "other_milestones": "Autres jalons",
    "procedures_used": "Procédures",
    "questions_count": "{count} questions",
    "calendar": "Le calendrier des 90 jours",
    "who_owns_what": "Qui porte quoi",
    "meeting_rhythm": "Rythme des réunions",
    "kickoff": "Lancement",
    "due_date": "Échéance",
    "labelled": "{label} : {text}",
    "document_id": "Document",
    "status": "Statut",
    "effective": "Date d’application",
    "review_due": "Prochaine revue",
    "last_reviewed": "Dernière revue",
    "approved_by": "Approuvé par",
    "role": "Rôle",
    "responsibilities": "Responsabilités",
    "requirements": "Ce dont vous avez besoin",
    "term": "Terme",
    "definition": "Définition",
    "who": "Qui",
    "if_then": "Si {when}, aller à l’étape {step}",
    "then_go": "Puis aller à l’étape {step}",
    "end_of_procedure": "Fin de la procédure",
    "flowchart": "Logigramme",
    "criteria": "Critères de qualité",
    "kpi": "Indicateur",
    "unit": "Unité",
    "direction": "Sens",
    "frequency": "Fréquence",
    "risk": "Risque",
    "severity": "Gravité",
    "mitigation": "Prévention",
    "problem": "Problème",
    "cause": "Cause",
    "solution": "Solution",
    "revisions": "Historique des révisions",
    "date": "Date",
    "author": "Auteur",
    "changes": "Modifications",
    "signoff": "Validation",
    "name": "Nom",
    "signature": "Signature",
    "figure": "Figure",
    # issue 12, credit: a neutral printing date, only with `-O printed=true`
    "printed_on": "Imprimé le {date}",
    "week_number": "Semaine {n}",
    "organization": "Organisation",
    "period": "Période",
    "horizon": "du {start} au {end} ({days} jours)",
    "goal": "But",
    "activity": "Activité",
    "responsibility_sheet": "Fiche de responsabilités : {role}",
    "holder": "Titulaire",
    "owns": "Rend compte de",
    "does": "Réalise",
    "consulted_on": "Consulté sur",
    "informed_of": "Informé de",
    "nothing": "Rien dans ce plan",
    "cadence": "Rythme",
    "weekday": "Jour",
    "participants": "Participants",
    "linked_procedures": "Procédures liées",
    "kind": "Type",
    "status_draft": "Brouillon",
    "status_in_review": "En relecture",
    "status_approved": "Approuvée",
    "status_retired": "Retirée",
    "severity_low": "Faible",
    "severity_medium": "Moyenne",
    "severity_high": "Élevée",
    "severity_critical": "Critique",
    "direction_increase": "À augmenter",
    "direction_decrease": "À réduire",
    "direction_maintain": "À maintenir",
    "frequency_daily": "Quotidienne",
    "frequency_weekly": "Hebdomadaire",
    "frequency_biweekly": "Toutes les deux semaines",
    "frequency_monthly": "Mensuelle",
    "frequency_quarterly": "Trimestrielle",
    "requirement_software": "Logiciel",
    "requirement_tool": "Outil",
    "requirement_material": "Matériel",
    "requirement_document": "Document",
    "requirement_access": "Accès",
    "requirement_ppe": "Équipement de protection",
    "activity_planned": "Prévue",
    "activity_in_progress": "En cours",
    "activity_done": "Faite",
    "activity_blocked": "Bloquée",
    "activity_cancelled": "Annulée",
    "note_danger": "DANGER",
    "note_warning": "AVERTISSEMENT",
    "note_caution": "ATTENTION",
    "note_notice": "AVIS",
    "note_info": "REMARQUE",
    "notes": "Remarques",
    "links": "Références",
    "attachments": "Formulaires et pièces jointes",
    "only_if": "Uniquement si : {condition}",
    "within": "Dans les {time} suivant le début",
    "repeat": "Répéter {text}",
    "roles_together": "{lead} avec {others}",
    "procedure_link": "procédure {id}",
    "category": "Catégorie",
    "category_general": "Générale",
    "category_instructional": "Instruction de travail",
    "category_administrative": "Administrative",
    "approved_version": "version {version}",
    "trials": "Essais",
    "tester": "Testeur",
    "outcome": "Résultat",
    "outcome_passed": "Réussi",
    "outcome_changes-needed": "À modifier",
    "outcome_failed": "Échoué",
    "confusing_steps": "Étapes peu claires",
    "goals": "Objectifs de la phase",
    "unit_s": "s",
    "unit_min": "min",
    "unit_h": "h",
    "unit_d": "j",
    "milestone_milestone": "Jalon",
    "milestone_review": "Revue",
    "milestone_retrospective": "Bilan",
    # --- flowchart exporter (issue 10): legend of the chart ---
    "chart_conditional": "Étape conditionnelle",
    "chart_repeated": "Répétée",
    # --- deck's flowchart (issue 11, chart): overview and sections of steps ---
    "chart_overview": "Logigramme : vue d’ensemble",
    "chart_steps": "Logigramme : étapes {first} à {last}",
    "chart_two_steps": "Logigramme : étapes {first} et {last}",
    "chart_step": "Logigramme : étape {step}",
    "chart_to_step": "vers l’étape {step}",
    "chart_from_step": "depuis l’étape {step}",
    "chart_from_steps": "depuis les étapes {step}",
    # --- end of the flowchart exporter's labels ---
    # --- procedure workbook (issue 12, checklist): the read-me and the checklist form ---
    "form_operator": "Opérateur",
    "form_verified_by": "Vérifié par",
    "branch_only": "Uniquement si «\u00a0{when}\u00a0» à l’étape {step}",
    "done_error_title": "Choisissez dans la liste",
    "done_error": "Choisissez ✓ (fait), — (sans objet) ou ☐ (pas encore fait).",
    "answer_error": (
        "Choisissez la réponse donnée\u00a0: {answers}, ou — si la question ne s’est pas posée."
    ),
    "done_prompt": "✓ fait · — sans objet",
    "workbook_what_title": "Ce qu’est ce classeur",
    "workbook_what": (
        "Ce classeur accompagne la procédure {id} «\u00a0{title}\u00a0», version "
        "{version}. Il contient ces feuilles\u00a0:"
    ),
    "workbook_sheet_checklist": (
        "{sheet}\u00a0: toutes les étapes de la procédure, à imprimer et remplir à la "
        "main ou à remplir à l’écran."
    ),
    "workbook_sheet_references": (
        "{sheet}\u00a0: chaque lien et chaque pièce jointe de la procédure, avec son adresse."
    ),
    "workbook_sheet_kpis": (
        "{sheet}\u00a0: les indicateurs de la procédure, une colonne par semaine, avec "
        "leurs graphiques."
    ),
    "workbook_use_title": "Comment utiliser la check-list",
    "workbook_use_lines": (
        "Imprimez la feuille {checklist} (A4 paysage, ses titres de colonnes sur chaque "
        "page) et remplissez-la à la main, ou remplissez-la à l’écran.|En haut, indiquez "
        "le nom de l’opérateur et la date, et signez\u00a0; la personne qui contrôle le "
        "travail remplit «\u00a0{verified}\u00a0» et signe aussi.|Cochez la case {done} "
        "de chaque étape une fois finie\u00a0: ✓ fait, — sans objet. À l’écran, "
        "choisissez dans la liste de la cellule.|Une question donne ses réponses à côté "
        "d’elle\u00a0: cochez la réponse qui s’applique et poursuivez à l’étape indiquée. "
        "Une étape marquée «\u00a0Uniquement si\u00a0» (teintée) ne se fait que dans ce "
        "cas\u00a0; sinon, marquez-la —.|Lisez les consignes à côté d’une étape avant de "
        "la commencer\u00a0: elles vont de la plus grave à la moins grave. Celles de "
        "toute la procédure sont en haut de la feuille.|Notez tout ce qui sort de "
        "l’ordinaire, ou pourquoi une étape n’a pas été faite, dans {remarks}."
    ),
    "workbook_kpis_title": "À quoi sert la feuille {sheet}",
    "workbook_kpis": (
        "Elle suit l’efficacité de la procédure dans le temps\u00a0: chaque semaine, "
        "saisissez la valeur mesurée de chaque indicateur dans la colonne de la semaine "
        "(des nombres seulement\u00a0; laissez vide si rien n’a été mesuré). Les "
        "graphiques suivent les valeurs."
    ),
    "workbook_no_kpis": (
        "Cette procédure ne fixe pas encore d’indicateur\u00a0: la feuille n’a pas de "
        "ligne à remplir."
    ),
    "workbook_send_title": "Une fois rempli",
    "workbook_send_owner": (
        "Envoyez le classeur rempli, ou le scan de la feuille signée, au responsable de "
        "cette procédure\u00a0: {owner}."
    ),
    "workbook_send_anyone": (
        "Envoyez le classeur rempli, ou le scan de la feuille signée, à la personne qui "
        "vous l’a remis."
    ),
    # --- end of the procedure workbook's labels ---
    # --- plan document (issue 12, plan-document): title block, timeline, KPI status, RACI ---
    "approval": "Approbation",
    "approval_by": "{who}, par sa signature sous « {section} » ci-dessous",
    "latest_measurements": "Dernières mesures",
    "week_of": "semaine du {date}",
    "expected_value": "attendu {value}",
    "timeline": "Calendrier du plan",
    "raci_legend": "R = Réalise · A = Rend compte · C = Consulté · I = Informé",
    "raci_matrix": "Qui fait quoi",
    "signoff_lead": "Le responsable du plan l’approuve ; chaque rôle signe pour ses engagements.",
    # --- end of the plan document's labels ---
    # --- workbooks (issue 12, tracker): weeks, print frame, drop-down errors, tracker read-me ---
    "week_short": "S{n:02d}",
    "week_header_date": "dd/MM",
    "page_n_of_m": "Page {page} sur {pages}",
    "measured": "Mesure",
    "list_error_title": "Choisir dans la liste",
    "list_error": "Choisissez une valeur dans la liste déroulante de cette colonne.",
    "number_error_title": "Un nombre seulement",
    "number_error": "Saisissez la valeur mesurée en nombre (81 ou 81,5), sans unité, ou laissez la cellule vide si rien n’a été mesuré.",
    "date_error_title": "Une date seulement",
    "date_error": "Saisissez une date, par exemple 18/01/2027.",
    "tracker_sheets": "À quoi sert chaque feuille",
    "tracker_sheet_kpis": "{sheet} : une ligne par indicateur. Chaque semaine, saisissez la valeur mesurée dans la colonne de la semaine ({week} est la semaine qui commence le {monday}).",
    "tracker_sheet_charts": "{sheet} : chaque indicateur face à sa cible, semaine par semaine ; ils suivent les valeurs saisies.",
    "tracker_sheet_raci": "{sheet} : pour chaque activité, qui la réalise (R), qui en décide et en répond (A), qui est consulté (C) et qui est informé (I).",
    "tracker_sheet_calendar": "{sheet} : les phases en barres de couleur, chaque activité (■) dans la semaine de son échéance, les jalons (◆).",
    "tracker_sheet_actions": "{sheet} : le journal des actions ; choisissez le responsable et le statut dans les listes.",
    "tracker_sheet_overview": "{sheet} : les remarques, références et risques du plan, et les objectifs de chaque phase.",
    "tracker_weeks": "Comment remplir les semaines",
    "tracker_weeks_lines": "Saisissez des nombres seulement (81 ou 81,5), sans unité ; le reste est refusé.|Laissez vide une semaine sans mesure : le graphique montre un trou, pas un zéro. Ne saisissez pas 0 pour une mesure manquante.|{latest}, {expected} et {status} se calculent : n’y saisissez rien. {expected} est la valeur visée cette semaine-là, sur une ligne droite de la situation de départ à la cible.|Les colonnes après les semaines donnent le responsable, l’unité, le sens, la situation de départ et la cible de chaque indicateur.",
    "tracker_colours": "Ce que disent les couleurs",
    "tracker_colour_input": "Cellules à remplir : une par indicateur et par semaine.",
    "tracker_colour_on_track": "{status} : à la valeur attendue ou mieux.",
    "tracker_colour_at_risk": "{status} : en retard de moins d’un dixième du progrès prévu.",
    "tracker_colour_off_track": "{status} : plus en retard.",
    "tracker_send_back": "Une fois rempli",
    "tracker_send_to": "Renvoyez le classeur à {who}, responsable du plan, qui en reporte les valeurs dans le plan.",
    "tracker_send_to_owner": "Renvoyez le classeur au responsable du plan, qui en reporte les valeurs dans le plan.",
    # --- end of the tracker's labels ---
    # --- end of the flowchart exporter's labels ---    # --- Word procedure (issue 12, word-procedure): the safety block on page 1 ---
    "safety": "Sécurité",
    # issue 12, plan document: the comments written on measurements
    "measurement_notes": "Commentaires sur les mesures",
    # issue 13 — refresher: the deck and the change notice of a new version
    "refresher": "Ce qui change",
    "refresher_versions": "Version {old} → {new}",
    "refresher_why": "Pourquoi ce changement",
    "refresher_no_why": "L’entrée de révision de la version {version} ne dit pas pourquoi.",
    "refresher_changed": "Étapes modifiées",
    "refresher_added": "Étapes ajoutées",
    "refresher_removed": "Étapes supprimées",
    "refresher_other": "Autres modifications",
    "refresher_reread": "Qui doit relire",
    "refresher_was": "Avant",
    "refresher_now": "Désormais",
    "refresher_new": "Nouveau",
    "refresher_gone": "Supprimé",
    "refresher_new_step": "Nouvelle étape {step}",
    "refresher_removed_step": "Étape {step} de la version {version}",
    "change_title": "Libellé",
    "change_role": "Qui",
    "change_condition": "Seulement si",
    "change_duration": "Durée",
    "change_within": "Délai",
    "change_repeat": "Répéter",
    "change_check": "Contrôle",
    "change_details": "Détails",
    "change_note": "Note",
    "change_decision": "Suite",
    "change_flow": "Ensuite",
    "change_case": "Si « {case} »",
    "change_links": "Références",
    "change_attachments": "Formulaires et pièces jointes",
    "change_image": "Image",
    "change_substep_of": "Sous-étape {step}",
    "change_order": "Place",
    "change_kind_added": "Ajoutée",
    "change_kind_removed": "Supprimée",
    "change_notice": "Avis de modification",
    "change_procedure": "Procédure",
    "change_date": "Date de la modification",
    "change_what": "Ce qui change",
    "change_column_step": "Étape",
    "change_column_change": "Modification",
    "change_acknowledge": "Prise de connaissance",
    "change_acknowledge_lead": "J’ai pris connaissance des modifications ci-dessus et j’applique la version {version} dès aujourd’hui.",
    "change_reread_none": "Aucun rôle n’est nommé par les étapes modifiées : diffusez l’avis à toutes les personnes qui suivent la procédure.",
    # issue 13 — changes: the Markdown report of `sopmodel diff` (a pull-request comment)
    "diff_version": "version {version}",
    "diff_why": "Pourquoi",
    "diff_revision": "révision {version}",
    "diff_no_change": "Aucun changement pour qui suit la procédure.",
    "diff_summary_steps": "étapes modifiées : {count}",
    "diff_summary_renumbered": "seulement renumérotées : {count}",
    "diff_summary_items": "changements du document : {count}",
    "diff_col_step": "Étape",
    "diff_col_title": "Intitulé",
    "diff_col_what": "Changement",
    "diff_col_details": "Détail",
    "diff_col_roles": "Rôles",
    "diff_col_section": "Rubrique",
    "diff_col_item": "Élément",
    "diff_was": "{number} (avant : {old})",
    "diff_gone": "{old} (supprimée)",
    "diff_renumbered_only": "Seulement renumérotées",
    "diff_roles_concerned": "Rôles concernés",
    "diff_none": "aucun",
    "diff_field_added": "ajout",
    "diff_field_removed": "retrait",
    "diff_kind_added": "ajoutée",
    "diff_kind_removed": "supprimée",
    "diff_kind_moved": "déplacée",
    "diff_kind_renumbered": "renumérotée",
    "diff_kind_reworded": "reformulée",
    "diff_kind_reassigned": "réattribuée",
    "diff_kind_check-added": "contrôle ajouté",
    "diff_kind_check-removed": "contrôle retiré",
    "diff_kind_note-added": "note ajoutée",
    "diff_kind_note-removed": "note retirée",
    "diff_kind_rerouted": "réorientée",
    "diff_kind_edited": "modifiée",
    "diff_item_added": "ajouté",
    "diff_item_removed": "retiré",
    "diff_item_changed": "modifié",
    "diff_item_retargeted": "cible revue",
    # issue 13 — records: `sopmodel status PROCEDURE --records FILE`
    "records_heading": "{id} · {title} · version {version} ({status})",
    "records_current": "À jour",
    "records_must_reread": "À relire",
    "records_unknown": "Impossible à dire",
    "records_never_read": "Jamais lue",
    "records_read": "{activity} {version} le {date}",
    "records_activity_read": "a lu la",
    "records_activity_trained": "formation à la",
    "records_activity_performed": "a exécuté la",
    "records_activity_verified": "a vérifié la",
    "records_unchanged": "les étapes de ses rôles n’ont pas changé depuis",
    "records_changed": "changé depuis : {steps}",
    "records_cannot_tell": "impossible de dire ce qui a changé depuis : {reason}",
    "records_nobody": "Personne dans les enregistrements ne tient un rôle de cette procédure.",
    "records_trials": "Essais",
    "records_no_trials": "Aucun essai enregistré.",
    "records_trial": "{date} · {tester} · version {version} · {outcome}",
    "records_step_open": "étape {step} jugée confuse : pas modifiée depuis",
    "records_step_changed": "étape {step} jugée confuse : modifiée depuis",
    "records_step_unknown": "étape {step} jugée confuse : impossible de dire si elle a changé ({reason})",
    "records_outcome_passed": "réussi",
    "records_outcome_changes-needed": "à modifier",
    "records_outcome_failed": "échoué",
    # issue 14, part A: Markdown
    "md_keywords": "Mots-clés",
    "md_priority": "Priorité",
    "md_meeting": "Réunion",
    "md_period_dates": "du {start} au {end}",
    "md_measurements": "Mesures",
    "md_value": "Valeur",
    "md_procedure": "Procédure",
    # issue 14, part B: handbook
    "site_title": "Manuel des procédures",
    "site_skip": "Aller au contenu",
    "site_home": "Accueil",
    "site_search": "Recherche",
    "site_search_label": "Rechercher dans les procédures",
    "site_search_hint": "Tapez un mot : une étape, un rôle, un contrôle…",
    "site_search_none": "Aucune étape ni aucun document ne correspond.",
    "site_search_count": "{count} résultats",
    "site_search_needs_script": "La recherche demande JavaScript ; l’index ci-dessous liste toutes les pages.",
    "site_procedures": "Procédures",
    "site_plans": "Plans",
    "site_by_category": "Par catégorie",
    "site_by_role": "Par rôle",
    "site_by_status": "Par statut",
    "site_no_category": "Sans catégorie : chaque procédure en a une (générale par défaut)",
    "site_what_i_do": "Ce que je fais",
    "site_role_in": "Dans {document} : {name}",
    "site_steps_of_role": "Mes étapes",
    "site_no_steps": "Aucune étape en propre (cité parmi les rôles du document).",
    "site_on_this_page": "Sur cette page",
    "site_contents": "Sommaire",
    "site_title_block": "Document",
    "site_checklist": "Suivre en liste de contrôle",
    "site_quiz": "Quiz de formation",
    "site_goes_to": "Aller à l’étape {number}",
    "site_not_in_site": "{id} (absente de ce manuel)",
    "site_generated": "Produit par sopmodel {version} le {date}.",
    "site_findings": "Constats de validation",
    "site_no_findings": "Aucun constat.",
    "site_load_error": "Ce fichier ne se charge pas",
    "site_figure": "Illustration de l’étape {number}",
    "site_flowchart_title": "Logigramme de {title} : chaque case mène à son étape",
    "site_print": "Imprimer",
    "site_top": "Haut de page",
    "site_document_count": "{count} documents",
    "site_step_count": "{count} étapes",
    "site_roles_count": "{count} rôles",
    "site_language": "Langue",
    "site_page_of": "Étapes de {title}",
    # issue 14, part C: checklist and quiz
    "site_back_to_procedure": "Retour à la procédure",
    "site_checklist_title": "Liste de contrôle : {title}",
    "site_checklist_intro": "Cochez chaque étape et chaque contrôle au fur et à mesure. Vos coches restent dans ce navigateur, pour cette version de la procédure, jusqu’à leur remise à zéro.",
    "site_checklist_progress": "{done} sur {total} cochés",
    "site_checklist_print": "Imprimer le résultat",
    "site_checklist_reset": "Remettre à zéro",
    "site_checklist_reset_confirm": "Effacer toutes les coches et réponses de cette liste ?",
    "site_checklist_answer": "{when} (aller à l’étape {step})",
    "site_checklist_result": "Résultat",
    "site_checklist_started": "Commencé le {when}.",
    "site_checklist_printed": "Imprimé le {when}.",
    "site_checklist_operator": "Nom de l’opérateur",
    "site_checklist_when": "Date et heure",
    "site_checklist_more": "Image ou pièce jointe de l’étape {step} : voir la procédure",
    "site_quiz_title": "Quiz : {title}",
    "site_quiz_intro": "Choisissez une réponse à chaque question, puis vérifiez vos réponses.",
    "site_quiz_check": "Vérifier mes réponses",
    "site_quiz_retry": "Recommencer",
    "site_quiz_right": "✔ Juste",
    "site_quiz_wrong": "✘ Faux",
    "site_quiz_unanswered": "✘ Sans réponse",
    "site_quiz_right_answer": "La bonne réponse : {answer}",
    "site_quiz_score": "Score : {score} sur {total}",
    "site_quiz_see_step": "Voir l’étape {step} dans la procédure",
    "site_quiz_show_answer": "Voir la réponse",
    # handbook: training (records and trials)
    "site_training": "Formation et essais",
    "site_person": "Personne",
    "site_standing": "Situation",
    "site_last_reading": "Dernière lecture",
    "site_since_then": "Depuis",
    # training: why what changed since a reading cannot be told
    "records_reason_no_fingerprints": "aucune empreinte d’étape n’a été enregistrée avec cette lecture",
    "records_reason_no_history": "aucun historique où chercher",
    "records_reason_history_failed": (
        "la version {version} ne peut pas être cherchée dans l’historique de {file} : {problem}"
    ),
    "records_reason_version_not_found": "version {version} introuvable dans l’historique de {file}",
    # extraits de la recherche du manuel
    "site_search_one": "1 résultat",
    "site_search_first": "Les {count} premiers résultats : ajoutez un mot pour affiner la recherche.",
}

_CATALOGUE: dict[str, dict[str, str]] = {"en": _EN, "fr": _FR}
LOCALES = {"en": "en_GB", "fr": "fr_FR"}
"""The Babel locale of each language: British English writes 24 November 2026."""


def _typeset_catalogue(language: str) -> dict[str, str]:
    """Return the labels of a language typeset its way, English filling the gaps (once)."""
    found = _TYPESET.get(language)
    if found is None:
        own = _CATALOGUE[language]
        found = _TYPESET[language] = {
            key: typeset(own.get(key) or text, language) for key, text in _EN.items()
        }
    return found


_TYPESET: dict[str, dict[str, str]] = {}


class Labels(Mapping[str, str]):
    """The fixed labels of one language, typeset its way (French no-break spaces before
    : ; ! ?); a missing label falls back to English."""

    def __init__(self, language: str) -> None:
        if language not in _CATALOGUE:
            raise ValueError(f"no labels for language {language!r}: use one of {LANGUAGES}")
        self.language = language
        self._own = _typeset_catalogue(language)

    def __getitem__(self, key: str) -> str:
        return self._own[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(_EN)

    def __len__(self) -> int:
        return len(_EN)

    def format(self, key: str, **values: object) -> str:
        """Return a label with its {placeholders} filled in."""
        return self[key].format(**values)


def language_tag(language: str, region: str | None = None) -> str:
    """Return the BCP 47 tag outputs mark their text with: fr-FR, en-GB, or en-US for region US."""
    if region:
        return f"{language}-{region}"
    return LOCALES.get(language, language).replace("_", "-")


def labels(language: str) -> Labels:
    """Return the labels of a language (en, fr)."""
    return Labels(language)


def format_date(value: dt.date, language: str, width: str = "long") -> str:
    """Return a date written the local way: 24 November 2026, 24 novembre 2026, and the
    first of a month the French way in words: 1er février 2027."""
    from sopmodel.i18n.cldr import written_date

    text = written_date(value, language, width)
    if text is None:
        from babel.dates import format_date as babel_format_date

        text = str(babel_format_date(value, format=width, locale=LOCALES.get(language, language)))
    if language == "fr" and value.day == 1 and width != "short":
        text = _FIRST_DAY.sub("1er", text, count=1)
    return text


_FIRST_DAY = re.compile(r"(?<!\d)1(?=[\s\u00a0\u202f])")
"""The day 1 of a date written in words (not 01/02/2027, not a year)."""


SCIENTIFIC_FROM = 1e15
"""Numbers this large are written in scientific notation (2.5E28): longer ones mean nothing."""


def format_number(value: float, language: str) -> str:
    """Return a number written the local way: 0.5 in English, 0,5 in French, 2,5E28 if huge."""
    from sopmodel.i18n.cldr import written_number

    known = written_number(value, language)
    if known is not None:
        return known
    from babel.numbers import format_decimal, format_scientific

    locale = LOCALES.get(language, language)
    if abs(value) >= SCIENTIFIC_FROM:
        return str(format_scientific(value, "#.###E0", locale=locale))
    return str(format_decimal(value, locale=locale))


def weekday_name(index: int, language: str) -> str:
    """Return the name of a weekday, 0 for Monday: Monday, lundi."""
    from sopmodel.i18n.cldr import weekday

    known = weekday(index, language)
    if known is not None:
        return known
    from babel.dates import get_day_names

    return str(get_day_names("wide", locale=LOCALES.get(language, language))[index])


def counted(count: int, word: str, plural: str | None = None) -> str:
    """Return a count with its English word: 1 file, 2 files, 3 activities."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _duration_parts(seconds: int, language: str) -> list[tuple[int, str]]:
    """Return (amount, unit label) parts of a duration: days, hours, minutes, seconds."""
    own = _CATALOGUE.get(language, _EN)
    parts = []
    for size, key in ((86400, "unit_d"), (3600, "unit_h"), (60, "unit_min"), (1, "unit_s")):
        if size == 86400 and seconds < 2 * 86400:
            continue  # 24 h and 36 h read better than 1 d and 1 d 12 h
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append((amount, own.get(key) or _EN[key]))
    return parts or [(0, own.get("unit_min") or _EN["unit_min"])]


def format_duration(low: dt.timedelta, language: str, high: dt.timedelta | None = None) -> str:
    """Return a duration, or a range, the local way: 30 min, 1 h 30 min, 10–15 min, 2 j."""
    nbsp = "\u00a0"

    def spoken(value: dt.timedelta) -> list[tuple[int, str]]:
        return _duration_parts(round(value.total_seconds()), language)

    def joined(parts: list[tuple[int, str]]) -> str:
        return " ".join(f"{format_number(n, language)}{nbsp}{unit}" for n, unit in parts)

    first = spoken(low)
    if high is None or high == low:
        return joined(first)
    last = spoken(high)
    if len(first) == len(last) == 1 and first[0][1] == last[0][1]:
        return f"{format_number(first[0][0], language)}–{joined(last)}"
    return f"{joined(first)} – {joined(last)}"

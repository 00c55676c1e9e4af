from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example “Power BI board report”. This helps you recognise it later.",
    )

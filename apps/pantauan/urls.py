from django.urls import path

from apps.pantauan import views

app_name = "pantauan"
urlpatterns = [
    path("", views.papan, name="papan"),
]

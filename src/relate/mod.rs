//! Building relationships, beyond keeping in touch: whom a topic suits
//! ([`share`]), who should meet whom ([`intros`]), and who matters most: taken out
//! this year, with a purpose ([`matters`]). Built on what each note's
//! summary digests of its log ([`crate::note::ties`]) and on words
//! compared as the index compares them ([`crate::index`]'s analysers).

pub mod intros;
pub mod matters;
pub mod share;
